import { useId, useState } from 'preact/hooks';
import { bitsOf, formatCidr, isCidrError, parseCidr, relate, split, summarize, type CidrBlock } from '../cidr/cidr';
import './CidrExplorer.css';

/** Props of the CIDR explorer. */
export interface CidrExplorerProps {
  /** The block shown first, e.g. `10.0.0.0/24`. */
  initial?: string;
  /** A second block to compare with, e.g. the VPC's `10.0.0.0/16`. */
  compareWith?: string;
}

const relationWords = {
  equal: 'is the same block as',
  inside: 'lies inside',
  contains: 'contains',
  overlaps: 'overlaps (without either containing the other)',
  disjoint: 'does not overlap',
} as const;

/** A labelled CIDR input with its parse error wired to `aria-invalid` and `aria-describedby`. */
function CidrField(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  hint?: string;
  optional?: boolean;
}) {
  const id = useId();
  return (
    <div class="cidr-field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        spellcheck={false}
        autocomplete="off"
        value={props.value}
        aria-invalid={props.error ? 'true' : 'false'}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onInput={(event) => props.onInput((event.target as HTMLInputElement).value)}
      />
      {props.error && (
        <p id={`${id}-error`} class="cidr-error">
          <span aria-hidden="true">✗ </span>
          {props.error} {props.hint}
        </p>
      )}
    </div>
  );
}

/** The 32 bits, network bits underlined and separated from host bits by a bar, so the split never relies on colour. */
function BitRow({ block }: { block: CidrBlock }) {
  return (
    <p class="cidr-bits">
      <span class="visually-hidden">{`Binary: ${block.prefix} network bits, ${32 - block.prefix} host bits: `}</span>
      {bitsOf(block.network, block.prefix).map((octet, octetIndex) => (
        <span class="cidr-octet">
          {octet.map((bit, bitIndex) => (
            <span class={`cidr-bit cidr-${bit.kind}`}>
              {bit.value}
              {octetIndex * 8 + bitIndex === block.prefix - 1 && block.prefix < 32 ? (
                <span class="cidr-split" aria-hidden="true">
                  |
                </span>
              ) : null}
            </span>
          ))}
          {octetIndex < 3 ? <span aria-hidden="true">.</span> : null}
        </span>
      ))}
    </p>
  );
}

/** An interactive CIDR calculator: binary view, mask, addresses, counts, subnet split and comparison. */
export default function CidrExplorer({ initial = '10.0.0.0/24', compareWith = '' }: CidrExplorerProps) {
  const [text, setText] = useState(initial);
  const [otherText, setOtherText] = useState(compareWith);
  const parsed = parseCidr(text);
  const other = otherText === '' ? null : parseCidr(otherText);
  const block = isCidrError(parsed) ? null : parsed;
  const [splitPrefix, setSplitPrefix] = useState<number>();
  const facts = block ? summarize(block) : null;
  const chosenSplit = block ? Math.min(32, Math.max(block.prefix + 1, splitPrefix ?? block.prefix + 2)) : 0;
  const pieces = block && block.prefix < 32 ? split(block, chosenSplit, 16) : null;
  const number = (value: number) => value.toLocaleString('en-US');

  return (
    <div class="cidr-explorer">
      <CidrField
        label="CIDR block"
        value={text}
        onInput={setText}
        error={isCidrError(parsed) ? parsed.message : undefined}
        hint={isCidrError(parsed) ? parsed.hint : undefined}
      />
      <CidrField
        label="Compare with (e.g. the VPC)"
        value={otherText}
        onInput={setOtherText}
        error={other && isCidrError(other) ? other.message : undefined}
        hint={other && isCidrError(other) ? other.hint : undefined}
      />
      <div class="cidr-results" aria-live="polite">
        {block && facts && (
          <>
            <BitRow block={block} />
            <p class="cidr-legend">
              Underlined, before the bar: the {block.prefix} network bits. After it: the {32 - block.prefix} host bits.
            </p>
            <dl class="cidr-facts">
              <dt>Mask</dt>
              <dd>{facts.mask}</dd>
              <dt>Network address</dt>
              <dd>{facts.network}</dd>
              <dt>Last (broadcast) address</dt>
              <dd>{facts.broadcast}</dd>
              <dt>First–last usable</dt>
              <dd>
                {facts.firstUsable} – {facts.lastUsable}
              </dd>
              <dt>Addresses</dt>
              <dd>{number(facts.total)}</dd>
              <dt>Usable hosts (classic)</dt>
              <dd>{number(facts.usableClassic)}</dd>
              <dt>Usable in an AWS subnet</dt>
              <dd>
                {facts.usableAws === null
                  ? 'AWS subnets must be /16 to /28'
                  : `${number(facts.usableAws)} (AWS reserves 5; assignable ${facts.awsFirstAssignable} – ${facts.awsLastAssignable})`}
              </dd>
            </dl>
            {other && !isCidrError(other) && (
              <p class="cidr-relation">
                <strong>{formatCidr(block)}</strong> {relationWords[relate(block, other)]}{' '}
                <strong>{formatCidr(other)}</strong>.
              </p>
            )}
            {pieces && (
              <div class="cidr-split-list">
                <label>
                  Split into{' '}
                  <select
                    value={chosenSplit}
                    onChange={(event) => setSplitPrefix(Number((event.target as HTMLSelectElement).value))}
                  >
                    {Array.from({ length: 32 - block.prefix }, (_, index) => block.prefix + 1 + index).map((prefix) => (
                      <option value={prefix}>/{prefix}</option>
                    ))}
                  </select>
                </label>
                <p>
                  {number(pieces.total)} subnets of {number(2 ** (32 - chosenSplit))} addresses
                  {pieces.total > pieces.subnets.length ? `; the first ${pieces.subnets.length}:` : ':'}
                </p>
                <ul>
                  {pieces.subnets.map((piece) => (
                    <li>
                      <code>{formatCidr(piece)}</code>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
