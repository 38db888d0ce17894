#!/bin/sh
# Fetches the model files a registered model's alias points at and verifies each against the
# SHA-256 frozen when the version was registered. Needs curl, jq and sha256sum.
#   RUNFACTS_URL=http://127.0.0.1:4000 [RUNFACTS_TOKEN=...] ./fetch-model.sh MODEL [ALIAS] [DEST]
set -eu
MODEL=$1
ALIAS=${2:-Production}
DEST=${3:-./model}
URL=${RUNFACTS_URL:-http://127.0.0.1:4000}
auth() { if [ -n "${RUNFACTS_TOKEN:-}" ]; then printf 'Authorization: Bearer %s' "$RUNFACTS_TOKEN"; else printf 'X-No-Token: 1'; fi; }

QUERY='query($m: String!, $a: String!) { modelVersionByAlias(model: $m, alias: $a) {
  __typename ... on ModelVersion { version runId artifacts { path sha256 downloadUrl } }
  ... on Error { message } } }'
ANSWER=$(jq -n --arg q "$QUERY" --arg m "$MODEL" --arg a "$ALIAS" \
  '{query: $q, variables: {m: $m, a: $a}}' |
  curl -sS --fail-with-body -H "$(auth)" -H 'content-type: application/json' --data-binary @- "$URL/graphql")
VERSION=$(printf '%s' "$ANSWER" | jq -er '.data.modelVersionByAlias | if .__typename == "ModelVersion" then .version else error(.message) end')
COUNT=$(printf '%s' "$ANSWER" | jq '.data.modelVersionByAlias.artifacts | length')
[ "$COUNT" -gt 0 ] || { echo "$MODEL@$ALIAS (v$VERSION) froze no model artifact" >&2; exit 1; }

mkdir -p "$DEST"
printf '%s' "$ANSWER" | jq -r '.data.modelVersionByAlias.artifacts[] | [.path, .sha256, .downloadUrl] | @tsv' |
  while IFS="$(printf '\t')" read -r path sha url; do
    mkdir -p "$DEST/$(dirname "$path")"
    # The server refuses (409) a file that no longer matches the frozen checksum; check it here too.
    if ! curl -sS --fail-with-body -H "$(auth)" -o "$DEST/$path.part" "$url"; then
      cat "$DEST/$path.part" >&2; echo >&2; rm -f "$DEST/$path.part"; exit 1
    fi
    echo "$sha  $DEST/$path.part" | sha256sum -c --quiet - || { rm -f "$DEST/$path.part"; exit 1; }
    mv "$DEST/$path.part" "$DEST/$path"
    echo "$sha  $DEST/$path"
  done
echo "$MODEL@$ALIAS is version $VERSION: files verified" >&2
