// dockerfile-ast re-splits an instruction's text into words every time any of its methods needs
// them (flags, ranges, variables, heredocs): on 7,000 Dockerfiles that was a tenth of scan time.
// A parsed instruction never changes, so its words are computed once. Callers get a copy of the
// array (ModifiableInstruction.getArguments shifts flags off the one it is given); the Argument
// objects themselves are immutable.

import { Instruction } from 'dockerfile-ast';

const MEMO = Symbol('riskgate.rawArguments');
const INSTALLED = Symbol.for('riskgate.rawArgumentsMemo');
type Memoized = { [MEMO]?: unknown[] };

const proto = Instruction.prototype as unknown as { getRawArguments: () => unknown[]; [INSTALLED]?: true };
if (!proto[INSTALLED]) {
  const compute = proto.getRawArguments;
  proto.getRawArguments = function (this: Memoized) {
    const words = (this[MEMO] ??= compute.call(this));
    return words.slice();
  };
  proto[INSTALLED] = true;
}
