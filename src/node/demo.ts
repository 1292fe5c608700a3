/**
 * `--demo`: a small seeded project (what an agent might be handed) and a short
 * agent-style session over it, run when stdin is not a terminal.
 */

export const DEMO_FILES: Record<string, string> = {
  "/home/user/project/README.md": `# inventory-service

A tiny service that tracks stock levels and reorders items that run low.

## Layout
- src/inventory.ts: stock model and reorder rules
- src/server.ts: HTTP handlers
- data/stock.csv: current stock levels
- config.json: thresholds and supplier settings

## Running
    npm install && npm start
`,
  "/home/user/project/src/inventory.ts": `export interface Item {
  sku: string;
  name: string;
  quantity: number;
  reorderAt: number;
}

// TODO: load thresholds from config.json instead of hard-coding them
export const DEFAULT_REORDER_AT = 10;

export function needsReorder(item: Item): boolean {
  return item.quantity <= item.reorderAt;
}

export function totalUnits(items: Item[]): number {
  return items.reduce((sum, item) => sum + item.quantity, 0);
}
`,
  "/home/user/project/src/server.ts": `import { needsReorder, type Item } from "./inventory";

const items: Item[] = [];

export function handleList(): Item[] {
  return items;
}

// TODO: paginate once the catalogue grows
export function handleLowStock(): Item[] {
  return items.filter(needsReorder);
}

export function handleHealth(): string {
  return "ok";
}
`,
  "/home/user/project/data/stock.csv": `sku,name,quantity,reorder_at,supplier
A-100,widget,42,10,acme
A-101,gadget,7,10,acme
B-200,sprocket,120,25,globex
B-201,flange,3,5,globex
C-300,gizmo,15,15,initech
C-301,doohickey,0,5,initech
`,
  "/home/user/project/config.json": `{
  "service": "inventory",
  "port": 8080,
  "reorder": { "defaultThreshold": 10, "checkIntervalMinutes": 30 },
  "suppliers": [
    { "id": "acme", "email": "orders@acme.example", "leadDays": 3 },
    { "id": "globex", "email": "supply@globex.example", "leadDays": 7 },
    { "id": "initech", "email": "po@initech.example", "leadDays": 5 }
  ]
}
`,
};

/** Where the demo starts. */
export const DEMO_CWD = "/home/user/project";

/** The commands of the demo session, each shown with a `$ ` prompt before its output. */
export const DEMO_STEPS: string[] = [
  "ls -R",
  "head -3 README.md",
  "grep -rn TODO src",
  "wc -l src/*.ts data/stock.csv",
  "awk -F, 'NR > 1 && $3 <= $4 { print $1, $2, \"qty=\" $3 }' data/stock.csv",
  "cut -d, -f5 data/stock.csv | tail -n +2 | sort | uniq -c",
  "jq -r '.suppliers[] | \"\\(.id) \\(.leadDays)d\"' config.json",
  "sed -i 's/DEFAULT_REORDER_AT = 10/DEFAULT_REORDER_AT = 12/' src/inventory.ts && grep -n REORDER_AT src/inventory.ts",
  "for f in src/*.ts; do echo \"$f: $(grep -c export \"$f\") exports\"; done",
  "echo 'low stock report' > /tmp/report.txt && cat /tmp/report.txt",
];

export const DEMO_BANNER = `sandbash demo: a small project is loaded at ${DEMO_CWD}.
Nothing here touches your real disk. Try:
  ls -R            cat README.md         grep -rn TODO src
  awk -F, '$3 < 10' data/stock.csv       jq .suppliers config.json
Ctrl-D or 'exit' leaves.
`;
