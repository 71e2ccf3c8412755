"""
Writes knowledge/data/cfn-schema-names.json: the names, value types, enums, defaults and createOnly paths of the
CloudFormation resource types cachelint models, read from the cfn-lint us_east_1 schemas installed on this
machine. The model tests check server/src/model/iac-schema.ts against this snapshot, so they need no cfn-lint:
    python3 scripts/cfn-schema-names.py [OUT]
Re-run after a cfn-lint upgrade and review the diff: a new createOnly or a renamed property is a table change.
"""
import json
import os
import sys
from importlib import import_module

import cfnlint

TYPES = [
    'AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ServerlessCache',
    'AWS::ElastiCache::GlobalReplicationGroup', 'AWS::ElastiCache::ParameterGroup', 'AWS::ElastiCache::User',
    'AWS::ElastiCache::UserGroup', 'AWS::ElastiCache::SubnetGroup', 'AWS::EC2::SecurityGroup',
    'AWS::EC2::SecurityGroupIngress', 'AWS::MemoryDB::Cluster', 'AWS::MemoryDB::ACL', 'AWS::MemoryDB::User',
    'AWS::MemoryDB::ParameterGroup', 'AWS::MemoryDB::SubnetGroup',
]

SCHEMAS = os.path.join(os.path.dirname(cfnlint.__file__), 'data', 'schemas')
# Nested definitions real schemas use are a few levels deep; a recursive $ref stops here.
MAX_DEPTH = 6


def resolve(node, schema):
    ref = node.get('$ref')
    if ref and ref.startswith('#/definitions/'):
        # The definition wins over keys beside the $ref: MemoryDB writes `{"$ref": …, "type": "object"}` for a string enum.
        merged = {k: v for k, v in node.items() if k != '$ref'}
        merged.update(schema['definitions'][ref[len('#/definitions/'):]])
        return resolve(merged, schema)
    return node


def value_type(node):
    t = node.get('type')
    if isinstance(t, list):
        t = '|'.join(sorted(t))
    return t or ('object' if 'properties' in node else None)


def describe(node, schema, depth):
    node = resolve(node, schema)
    out = {}
    t = value_type(node)
    if t:
        out['type'] = t
    for key in ('enum', 'default', 'minimum', 'maximum', 'minItems', 'maxItems'):
        if key in node:
            out[key] = sorted(node[key]) if key == 'enum' else node[key]
    if depth >= MAX_DEPTH:
        return out
    if 'properties' in node:
        out['properties'] = {k: describe(v, schema, depth + 1) for k, v in sorted(node['properties'].items())}
    items = node.get('items')
    if isinstance(items, dict):
        item = describe(items, schema, depth + 1)
        if item:
            out['items'] = item
    return out


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join('knowledge', 'data', 'cfn-schema-names.json')
    provider = import_module('cfnlint.data.schemas.providers.us_east_1')
    result = {
        'source': f'cfn-lint {getattr(cfnlint, "__version__", None) or _version()} data/schemas (providers/us_east_1)',
        'generatedBy': 'scripts/cfn-schema-names.py',
        'types': {},
    }
    for type_name in TYPES:
        digest = provider.types[type_name]
        with open(os.path.join(SCHEMAS, 'resources', f'{digest}.json')) as f:
            schema = json.load(f)
        entry = {'schemaFile': f'resources/{digest}.json'}
        entry['properties'] = {k: describe(v, schema, 0) for k, v in sorted(schema['properties'].items())}
        for key in ('required', 'createOnlyProperties', 'conditionalCreateOnlyProperties', 'readOnlyProperties', 'writeOnlyProperties'):
            if schema.get(key):
                entry[key] = sorted(schema[key])
        result['types'][type_name] = entry
    with open(out_path, 'w') as f:
        json.dump(result, f, indent=1, sort_keys=False)
        f.write('\n')


def _version():
    from importlib.metadata import version
    return version('cfn-lint')


if __name__ == '__main__':
    main()
