import {
  isLegacyMcpApi,
  releaseDate,
  seededUuid,
  type McpEndpointSpec,
  type McpServerRecord,
  type McpToolSpec,
  type NacosServerState,
} from './model';

// The MCP servers every Nacos of the local cloud starts with: one of each protocol, several
// versions, tools with input schemas, some tools switched off (FIXTURES.md lists them).

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});
const str = (description: string) => ({ type: 'string', description });

interface SeedVersion {
  version: string;
  description: string;
  toolSpec: McpToolSpec | null;
  endpoint: McpEndpointSpec | null;
  exportPath?: string;
  local?: Record<string, unknown>;
}

interface SeedServer {
  name: string;
  protocol: string;
  frontProtocol?: string;
  latest: string;
  versions: SeedVersion[];
  namespaceId?: string;
}

const direct = (address: string, port: string): McpEndpointSpec => ({
  type: 'DIRECT',
  data: { address, port },
});

const mapsTools = (withDriving: boolean): McpToolSpec => ({
  tools: [
    {
      name: 'maps_geo',
      description: 'Convert a structured address into longitude and latitude coordinates.',
      inputSchema: obj(
        { address: str('The structured address to geocode'), city: str('City to search in') },
        ['address'],
      ),
    },
    {
      name: 'maps_weather',
      description: 'Query the weather of a city by its name or adcode.',
      inputSchema: obj({ city: str('City name or adcode') }, ['city']),
    },
    ...(withDriving
      ? [
          {
            name: 'maps_direction_driving',
            description: 'Plan a driving route between two coordinates.',
            inputSchema: obj(
              {
                origin: str('Origin as "longitude,latitude"'),
                destination: str('Destination as "longitude,latitude"'),
              },
              ['origin', 'destination'],
            ),
          },
        ]
      : []),
  ],
  toolsMeta: withDriving ? { maps_direction_driving: { enabled: false } } : {},
});

const SERVERS: SeedServer[] = [
  {
    name: 'amap-maps',
    protocol: 'mcp-sse',
    latest: '1.1.0',
    versions: [
      {
        version: '1.0.0',
        description: 'Maps: geocoding and weather.',
        toolSpec: mapsTools(false),
        endpoint: direct('172.16.0.50', '8080'),
        exportPath: '/sse',
      },
      {
        version: '1.1.0',
        description: 'Maps: geocoding, weather and driving directions.',
        toolSpec: mapsTools(true),
        endpoint: direct('172.16.0.50', '8080'),
        exportPath: '/sse',
      },
    ],
  },
  {
    name: 'dify-knowledge',
    protocol: 'mcp-streamable',
    latest: '1.0.0',
    versions: [
      {
        version: '0.9.0',
        description: 'Search the company knowledge base (preview).',
        toolSpec: {
          tools: [
            {
              name: 'search_knowledge',
              description: 'Full-text search in the knowledge base.',
              inputSchema: obj({ query: str('What to look for') }, ['query']),
            },
          ],
          toolsMeta: {},
        },
        endpoint: direct('172.16.0.51', '9000'),
        exportPath: '/mcp',
      },
      {
        version: '1.0.0',
        description: 'Search the company knowledge base and list its datasets.',
        toolSpec: {
          tools: [
            {
              name: 'search_knowledge',
              description: 'Semantic search in the knowledge base; returns the best passages.',
              inputSchema: obj(
                {
                  query: str('What to look for'),
                  top_k: { type: 'integer', description: 'How many passages', default: 5 },
                },
                ['query'],
              ),
            },
            {
              name: 'list_datasets',
              description: 'List the datasets of the knowledge base.',
              inputSchema: obj({}),
            },
            {
              name: 'delete_dataset',
              description: 'Delete a dataset by its id.',
              inputSchema: obj({ dataset_id: str('Dataset id') }, ['dataset_id']),
            },
          ],
          toolsMeta: { delete_dataset: { enabled: false } },
        },
        endpoint: direct('172.16.0.51', '9000'),
        exportPath: '/mcp',
      },
    ],
  },
  {
    name: 'filesystem',
    protocol: 'stdio',
    latest: '1.0.0',
    versions: [
      {
        version: '1.0.0',
        description: 'Read and write files in an allowed folder (runs locally through npx).',
        toolSpec: {
          tools: [
            {
              name: 'read_file',
              description: 'Read a file.',
              inputSchema: obj({ path: str('File path') }, ['path']),
            },
            {
              name: 'write_file',
              description: 'Write a file.',
              inputSchema: obj({ path: str('File path'), content: str('Content') }, [
                'path',
                'content',
              ]),
            },
          ],
          toolsMeta: {},
        },
        endpoint: null,
        local: {
          mcpServers: {
            filesystem: {
              command: 'npx',
              args: ['-y', '@modelcontextprotocol/server-filesystem', '/data'],
            },
          },
        },
      },
    ],
  },
  {
    name: 'order-api',
    protocol: 'http',
    frontProtocol: 'mcp-sse',
    latest: '1.0.0',
    versions: [
      {
        version: '1.0.0',
        description: 'The order service HTTP API exposed as MCP tools (through the gateway).',
        toolSpec: {
          tools: [
            {
              name: 'get_order',
              description: 'Get an order by its number.',
              inputSchema: obj({ order_no: str('Order number') }, ['order_no']),
            },
            {
              name: 'cancel_order',
              description: 'Cancel an order.',
              inputSchema: obj({ order_no: str('Order number'), reason: str('Why') }, [
                'order_no',
              ]),
            },
          ],
          toolsMeta: {
            get_order: { enabled: true, invokeContext: { method: 'GET', path: '/orders/{order_no}' } },
            cancel_order: {
              enabled: false,
              invokeContext: { method: 'POST', path: '/orders/{order_no}/cancel' },
            },
          },
        },
        endpoint: direct('172.16.0.52', '8080'),
      },
    ],
  },
  {
    name: 'echo',
    protocol: 'mcp-streamable',
    latest: '0.1.0',
    namespaceId: 'dev',
    versions: [
      {
        version: '0.1.0',
        description: 'Echoes its input (for trying things out).',
        toolSpec: {
          tools: [
            {
              name: 'echo',
              description: 'Return the text it is given.',
              inputSchema: obj({ text: str('Text') }, ['text']),
            },
          ],
          toolsMeta: {},
        },
        endpoint: direct('172.16.0.53', '8000'),
        exportPath: '/mcp',
      },
    ],
  },
];

/** Seeds the MCP servers (and the `dev` namespace) into a Nacos server; `seed` makes ids stable. */
export function seedMcp(state: NacosServerState, seed: string, now: number): void {
  if (!state.namespaces.some((n) => n.namespace === 'dev'))
    state.namespaces.push({
      namespace: 'dev',
      namespaceShowName: 'dev',
      namespaceDesc: 'Development',
    });
  const legacy = isLegacyMcpApi(state);
  const date = releaseDate(now - 7 * 24 * 3600 * 1000);
  for (const s of SERVERS) {
    const namespaceId = s.namespaceId ?? (legacy ? 'nacos-default-mcp' : 'public');
    const id = seededUuid(`${seed}:${namespaceId}:${s.name}`);
    const versions = legacy ? s.versions.filter((v) => v.version === s.latest) : s.versions;
    const record: McpServerRecord = {
      id,
      name: s.name,
      namespaceId,
      latestPublishedVersion: s.latest,
      versions: versions.map((v) => ({
        version: v.version,
        release_date: date,
        spec: {
          name: s.name,
          protocol: s.protocol,
          ...(s.frontProtocol !== undefined ? { frontProtocol: s.frontProtocol } : {}),
          description: v.description,
          enabled: true,
          capabilities: ['TOOL'],
          ...(v.exportPath !== undefined
            ? { remoteServerConfig: { exportPath: v.exportPath } }
            : {}),
          ...(v.local !== undefined ? { localServerConfig: v.local } : {}),
        },
        toolSpec: structuredClone(v.toolSpec),
        endpointSpec: structuredClone(v.endpoint),
      })),
    };
    state.mcp.set(id, record);
  }
}
