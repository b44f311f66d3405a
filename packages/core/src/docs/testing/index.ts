export { decodeMermaid, parseFlowchart, type ParsedFlowchart } from "./flowchart.js";
export { markdownToHtml, mermaidBlocks } from "./markdown.js";
export { flowchartShape, parseWithMermaid } from "./mermaid-parser.js";
