/**
 * Inline style for templates that stays within a strict Content-Security-Policy. Lit's `styleMap`
 * writes its first value as a `style` attribute (refused by a `style-src` without
 * `'unsafe-inline'`, so a grid would lose its column widths and row height) and uses the CSSOM
 * only for later changes; this sets every value through `element.style.setProperty`, which no CSP
 * restricts. Names are CSS names: `height`, `grid-column-start`, `--_depth`.
 */
import {noChange, type AttributePart} from 'lit';
import {Directive, directive, PartType, type PartInfo} from 'lit/directive.js';

export type StyleProps = Readonly<Record<string, string | null | undefined>>;

class StylePropsDirective extends Directive {
  private readonly set = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style' || (part.strings?.length ?? 0) > 2) {
      throw new Error('styleProps() goes alone in a style attribute: style=${styleProps({…})}');
    }
  }

  render(_props: StyleProps): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [StyleProps]): typeof noChange {
    const {style} = part.element as HTMLElement;
    for (const name of this.set) {
      if (props[name] == null) {
        style.removeProperty(name);
        this.set.delete(name);
      }
    }
    for (const [name, value] of Object.entries(props)) {
      if (value == null) continue;
      style.setProperty(name, value);
      this.set.add(name);
    }
    return noChange;
  }
}

/** `style=${styleProps({height: '40px', '--_depth': '2'})}`: each value set through the CSSOM. */
export const styleProps = directive(StylePropsDirective);
