import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { controlStyles, themeStyles } from './shared.styles';

/** One entry of the menu: copy a text, or download a text or a data URL. */
export interface ExportItem {
  id: string;
  label: string;
  action: 'copy' | 'download';
  /** download: the file's name */
  filename?: string;
  /** download: the file's type for a text (a data URL carries its own) */
  type?: string;
  /** the text to copy or save, or a `data:` URL to save */
  make: () => string | Promise<string>;
}

/**
 * "Share": a disclosure button and its list of exports: copy a link or the embed code,
 * download the costs, parameters, settings or a view's PNG. Copies go to the clipboard; where
 * the page may not write it, the text is shown selected, to copy by hand. Each outcome is said
 * in a polite live region. Part of <bp-controls>; the entries come from <backprop-lab>.
 *
 * @csspart share-toggle - the "Share" button
 * @csspart share-menu - the list of exports
 * @csspart copy-text - the text to copy by hand, when the clipboard refused it
 */
export class BpExportMenu extends LitElement {
  static override styles = [
    themeStyles,
    controlStyles,
    css`
      :host {
        display: inline-block;
        position: relative;
      }
      ul {
        position: absolute;
        z-index: 2;
        inset-inline-end: 0;
        margin: 0.25rem 0 0;
        padding: 0.25rem;
        list-style: none;
        display: grid;
        gap: 0.25rem;
        min-width: 14rem;
        background: var(--_bp-background);
        border: 1px solid var(--_bp-muted);
        border-radius: 0.4rem;
      }
      ul button {
        width: 100%;
        text-align: start;
      }
      input {
        width: 100%;
        margin-top: 0.25rem;
      }
    `,
  ];

  /** Gives the entries when the menu opens (the views shown and the state may have changed). */
  @property({ attribute: false }) items: () => ExportItem[] = () => [];

  @state() private open = false;
  @state() private message = '';
  /** the text the clipboard refused, shown to copy by hand */
  @state() private manual = '';

  private toggle(): void {
    this.open = !this.open;
    this.manual = '';
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.open = false;
      this.renderRoot.querySelector<HTMLButtonElement>('.share-toggle')?.focus();
    }
  }

  private async run(item: ExportItem): Promise<void> {
    let value: string;
    try {
      value = await item.make();
    } catch (err) {
      this.message = `${item.label} failed: ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    if (item.action === 'download') {
      const url = value.startsWith('data:') ? value : URL.createObjectURL(new Blob([value], { type: item.type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = item.filename ?? 'backprop-lab.txt';
      a.click();
      if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 0);
      this.message = `Saved ${a.download}`;
      this.open = false;
      return;
    }
    try {
      await navigator.clipboard.writeText(value);
      this.manual = '';
      this.message = `${item.label}: copied`;
      this.open = false;
    } catch {
      this.manual = value;
      this.message = `${item.label}: the page may not write the clipboard; the text is selected, copy it with Ctrl+C or ⌘C`;
      await this.updateComplete;
      const input = this.renderRoot.querySelector<HTMLInputElement>('input');
      input?.focus();
      input?.select();
    }
  }

  protected override render(): unknown {
    return html`<button
        part="button share-toggle"
        type="button"
        class="share-toggle"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="share-menu"
        @click=${this.toggle}
      >
        Share
      </button>
      ${
        this.open
          ? html`<ul id="share-menu" part="share-menu" aria-label="Share and export" @keydown=${this.onKeydown}>
              ${this.items().map(
                (item) =>
                  html`<li>
                    <button part="button" type="button" data-export=${item.id} @click=${() => void this.run(item)}>
                      ${item.label}
                    </button>
                  </li>`,
              )}
              ${
                this.manual
                  ? html`<li>
                      <input part="copy-text" readonly aria-label="Text to copy" .value=${this.manual} />
                    </li>`
                  : nothing
              }
            </ul>`
          : nothing
      }
      <span class="visually-hidden" role="status" aria-live="polite">${this.message}</span>`;
  }
}

if (!customElements.get('bp-export-menu')) customElements.define('bp-export-menu', BpExportMenu);

declare global {
  interface HTMLElementTagNameMap {
    'bp-export-menu': BpExportMenu;
  }
}
