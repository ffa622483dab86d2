import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets style properties through the CSSOM on every render. Lit's styleMap writes a `style`
 * attribute on first render, which a strict Content-Security-Policy (`style-src` without
 * 'unsafe-inline') blocks; CSSOM writes are always allowed.
 */
class CssomStyleDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssomStyle must be used as an element directive');
  }

  render(_styles: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [styles]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(styles)) style.setProperty(name, value);
    return noChange;
  }
}

export const cssomStyle = directive(CssomStyleDirective);
