import {
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const TYPE = '__runfactsResultType';
const MESSAGE = '__runfactsErrorMessage';
const FIELD = '__runfactsErrorField';
const ERROR_INTERFACE = 'Error';

/**
 * Result unions keep their typed errors, and an error the client did not select is also reported
 * in the response's top-level `errors` (with `extensions.code` and `extensions.field`), so a
 * client that forgot `... on Error` never reads a silent `{}`. This is the "errors as data, plus
 * top-level errors for unselected error types" pattern: the server adds `__typename` and the
 * Error interface's fields to every root field whose type is a result union, and strips them again.
 */
export function useUnselectedErrors(): Plugin {
  return {
    onExecute({ args, setExecuteFn, executeFn }) {
      const operation = operationOf(args.document, args.operationName ?? undefined);
      if (!operation) return;
      const watched = resultUnionFields(args.schema, operation);
      if (watched.length === 0) return;
      const document = withErrorProbes(args.document, operation, watched);
      setExecuteFn(async (execArgs) => {
        const result = await executeFn({ ...execArgs, document });
        if (!result || typeof result !== 'object' || Symbol.asyncIterator in result) return result;
        const data = (result as { data?: Record<string, unknown> | null }).data;
        if (!data) return result;
        const added = [];
        for (const key of watched.map(responseKey)) {
          const value = data[key] as Record<string, unknown> | null | undefined;
          if (!value || typeof value !== 'object') continue;
          const { [TYPE]: type, [MESSAGE]: message, [FIELD]: field, ...selected } = value;
          data[key] = selected;
          if (typeof message === 'string' && Object.keys(selected).length === 0) {
            added.push(
              createGraphQLError(message, {
                path: [key],
                extensions: { code: codeOf(String(type)), type, field: field ?? null },
              }),
            );
          }
        }
        if (added.length === 0) return result;
        const errors = (result as { errors?: readonly unknown[] }).errors ?? [];
        return { ...result, errors: [...errors, ...added] } as typeof result;
      });
    },
  };
}

function operationOf(document: DocumentNode, name?: string): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return name ? operations.find((o) => o.name?.value === name) : operations[0];
}

/** Root fields (queries and mutations) whose type is a union with a member implementing Error. */
function resultUnionFields(schema: GraphQLSchema, operation: OperationDefinitionNode): FieldNode[] {
  if (operation.operation === 'subscription') return [];
  const root = schema.getRootType(operation.operation);
  const error = schema.getType(ERROR_INTERFACE);
  if (!root || !isInterfaceType(error)) return [];
  return operation.selectionSet.selections.filter((s): s is FieldNode => {
    if (s.kind !== Kind.FIELD) return false;
    const type = root.getFields()[s.name.value]?.type;
    const named = type ? getNamedType(type) : null;
    return (
      isUnionType(named) &&
      named.getTypes().some((t) => isObjectType(t) && t.getInterfaces().includes(error))
    );
  });
}

function withErrorProbes(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  watched: FieldNode[],
): DocumentNode {
  const probe: SelectionNode[] = [
    alias(TYPE, '__typename'),
    {
      kind: Kind.INLINE_FRAGMENT,
      typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: ERROR_INTERFACE } },
      selectionSet: {
        kind: Kind.SELECTION_SET,
        selections: [alias(MESSAGE, 'message'), alias(FIELD, 'field')],
      },
    },
  ];
  const selections = operation.selectionSet.selections.map((s) =>
    watched.includes(s as FieldNode) && s.kind === Kind.FIELD
      ? {
          ...s,
          selectionSet: {
            kind: Kind.SELECTION_SET,
            selections: [...(s.selectionSet?.selections ?? []), ...probe],
          },
        }
      : s,
  );
  return {
    ...document,
    definitions: document.definitions.map((d) =>
      d === operation
        ? { ...operation, selectionSet: { ...operation.selectionSet, selections } }
        : d,
    ),
  } as DocumentNode;
}

function alias(name: string, field: string): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: name },
    name: { kind: Kind.NAME, value: field },
  };
}

function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

/** RunNotFoundError → RUN_NOT_FOUND: the error type's name as a stable code. */
function codeOf(type: string): string {
  return type
    .replace(/Error$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase();
}
