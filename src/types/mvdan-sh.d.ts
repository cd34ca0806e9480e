// The part of mvdan-sh (mvdan/sh compiled to JavaScript with GopherJS) that riskgate uses.
declare module 'mvdan-sh' {
  export interface ShPos {
    Offset(): number;
    Line(): number;
    Col(): number;
  }
  export interface ShNode {
    Pos(): ShPos;
    End(): ShPos;
    [key: string]: any;
  }
  export interface ShParser {
    Parse(src: string, name: string): ShNode;
  }
  export const syntax: {
    NewParser(...options: unknown[]): ShParser;
    Walk(node: ShNode, fn: (node: ShNode | null) => boolean): void;
    NodeType(node: ShNode): string;
    KeepComments(keep: boolean): unknown;
    Variant(lang: unknown): unknown;
    LangBash: unknown;
  };
  const sh: { syntax: typeof syntax };
  export default sh;
}
