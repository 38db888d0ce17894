# MLflow tracking server with the same pinned packages the tests use.
FROM python:3.11-slim
COPY scripts/setup/mlflow-requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir -r /tmp/requirements.txt && useradd --create-home mlflow && mkdir /mlflow && chown mlflow /mlflow
USER mlflow
VOLUME ["/mlflow"]
EXPOSE 5000
CMD ["mlflow", "server", "--backend-store-uri", "sqlite:////mlflow/mlflow.db", "--default-artifact-root", "/mlflow/artifacts", "--host", "0.0.0.0", "--port", "5000", "--workers", "1"]
