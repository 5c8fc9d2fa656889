/**
 * A pair of radio buttons for an on/off choice named by its two sides ("This mission | All
 * missions", "Yearly | Monthly"): a fieldset with a hidden legend, keyboard as native radios.
 */
import { useId } from 'react';

/** Props of {@link TwoWaySwitch}: the legend, each side's label and test id, the value. */
export interface TwoWaySwitchProps {
  legend: string;
  testId: string;
  /** Labels and test ids of the `false` and the `true` side, in that order. */
  off: { label: string; testId: string };
  on: { label: string; testId: string };
  value: boolean;
  onChange: (value: boolean) => void;
}

/** The two radio buttons. */
export function TwoWaySwitch(props: TwoWaySwitchProps) {
  const id = useId();
  return (
    <fieldset className="lag-scope" data-testid={props.testId}>
      <legend className="visually-hidden">{props.legend}</legend>
      {([false, true] as const).map((value) => {
        const side = value ? props.on : props.off;
        return (
          <label key={String(value)} htmlFor={`${id}-${value}`}>
            <input
              id={`${id}-${value}`}
              type="radio"
              name={`${id}-choice`}
              checked={props.value === value}
              data-testid={side.testId}
              onChange={() => props.onChange(value)}
            />{' '}
            {side.label}
          </label>
        );
      })}
    </fieldset>
  );
}
