import * as vscode from 'vscode';
import { formatRelative, numericDate } from '../core/tokens/expiry';
import { inspectToken, type TokenInspection } from '../core/tokens/inspection';
import { decodeToken, type DecodedToken } from '../core/tokens/jwt';
import { timelineRows, type RotationRecord } from '../core/sessions/rotationHistory';
import { safeStringify } from '../core/shared/safeJson';
import type { VerifyResult } from '../core/tokens/verify';
import { isPageToHost, type CopyTarget, type HostToPage } from '../shared/inspectorProtocol';
import { clockSkewSeconds } from '../settings';
import { t } from '../translate';
import { inspectorHtml } from './inspectorHtml';
import { inspectorLabels } from './inspectorLabels';
import type { Services } from '../services';
import type { AppClientView } from '../appClient/appClientService';
import { appClientFactRows, sourceNote } from '../core/appClient/appClientFacts';
import { layoutTimeline, type TimelineInput, type TimelineZoom } from '../core/appClient/sessionTimeline';

export const INSPECTOR_VIEW_TYPE = 'cognitoTokens.inspector';

/** Expiry text and relative times are refreshed this often while the panel is visible. */
const TICK_MS = 15_000;

/** The inspector takes the one context (src/services.ts) and what this panel shows. */
export type InspectorDeps = Pick<Services, 'extensionUri' | 'clock' | 'log' | 'verifier'> & InspectorTarget;

export interface InspectorTarget {
  /** For a stored token: the profile's app client, which the audience check compares with. */
  readonly expectedClientId?: string;
  /** Verify against this profile's own pool only (the verify command's `profile`); a stored token's profile otherwise. */
  readonly profile?: string;
  /** For a stored token: where it came from, so the panel follows refreshes and shows their timeline. */
  readonly stored?: StoredTokenSource;
}

export interface StoredTokenSource {
  readonly profile: string;
  /** The profile's pool and app client explained, with findings (no secret, no token). */
  appClient?(): Promise<AppClientView | undefined>;
  /** The session's times for the timeline (no token). */
  timelineInput?(): Promise<TimelineInput | undefined>;
  records(): readonly RotationRecord[];
  /** Fires with a profile name when its history or tokens change. */
  readonly onDidChange: vscode.Event<string>;
  /** The profile's current token of the kind shown. */
  latest(): Promise<string | undefined>;
}

/**
 * One inspector panel, reused for each token opened. The token lives only in this object's memory:
 * the page gets decoded claims and asks the host to copy or verify; nothing is kept in webview state.
 */
export class InspectorPanel implements vscode.Disposable {
  private static current: InspectorPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private verifyResult: VerifyResult | undefined;
  private verifyGeneration = 0;
  private expectedClientId: string | undefined;
  private profile: string | undefined;
  /** The issuer the last result offered to trust: the page's confirm button names no issuer itself. */
  private pendingIssuer: string | undefined;
  private stored: StoredTokenSource | undefined;
  private storedSubscription: vscode.Disposable | undefined;
  /** The page's last timeline request: redrawn with it when a refresh lands. */
  private timelineView: { zoom: TimelineZoom; width: number } | undefined;

  static show(deps: InspectorDeps, token: string, decoded: DecodedToken): InspectorPanel {
    if (InspectorPanel.current) {
      InspectorPanel.current.follow(deps.stored);
      InspectorPanel.current.load(token, decoded, deps.expectedClientId, deps.profile ?? deps.stored?.profile);
      InspectorPanel.current.panel.reveal(undefined, true);
      return InspectorPanel.current;
    }
    // preserveFocus: the inspector opens beside the editor and leaves the cursor where the user was typing.
    const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, t('Token Inspector'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'media')],
    });
    InspectorPanel.current = new InspectorPanel(panel, deps, token, decoded);
    return InspectorPanel.current;
  }

  /** The open panel, if any: tests and commands read its state through this. */
  static get active(): InspectorPanel | undefined {
    return InspectorPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: InspectorDeps,
    private token: string,
    private decoded: DecodedToken,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      panel.onDidChangeViewState(() => this.updateTimer()),
    );
    this.follow(deps.stored);
    this.load(token, decoded, deps.expectedClientId, deps.profile ?? deps.stored?.profile);
    this.updateTimer();
  }

  get inspection(): TokenInspection {
    return this.inspect();
  }

  private load(token: string, decoded: DecodedToken, expectedClientId: string | undefined, profile: string | undefined): void {
    this.token = token;
    this.expectedClientId = expectedClientId;
    this.profile = profile;
    this.pendingIssuer = undefined;
    this.decoded = decoded;
    this.verifyResult = undefined;
    this.verifyGeneration++;
    const inspection = this.inspect();
    this.panel.title = inspection.title;
    // Setting html reloads the page, which then says 'ready' and gets the render message.
    this.panel.webview.html = inspectorHtml(this.panel.webview, this.deps.extensionUri, inspection.title);
  }

  /** Follows a stored token's profile: a refresh anywhere loads the new token and updates the timeline. */
  private follow(stored: StoredTokenSource | undefined): void {
    this.storedSubscription?.dispose();
    this.stored = stored;
    this.storedSubscription = stored?.onDidChange((profile) => {
      if (profile !== stored.profile || this.stored !== stored) return;
      void stored.latest().then((latest) => {
        const decoded = latest === undefined ? undefined : decodeToken(latest);
        if (latest !== undefined && latest !== this.token && decoded && decoded.kind !== 'invalid') {
          this.load(latest, decoded, this.expectedClientId, this.profile);
        } else {
          this.postHistory();
        }
      });
    });
  }

  private postHistory(): void {
    if (this.stored) {
      this.post({ type: 'history', profile: this.stored.profile, rows: timelineRows(this.stored.records(), t, vscode.env.language) });
      void this.postAppClient();
      void this.postTimeline();
    }
  }

  private async postAppClient(): Promise<void> {
    const stored = this.stored;
    const view = await stored?.appClient?.().catch(() => undefined);
    if (!stored || !view || stored !== this.stored) return;
    const rows = appClientFactRows(view.summary, t).map((row) => ({ label: row.label, value: row.value, source: row.source, sourceText: sourceNote(row.source, t) }));
    this.post({ type: 'appClient', profile: stored.profile, rows, findings: view.findings });
  }

  /** Lays the timeline out here (core, pure) and sends shapes: the page only draws them. */
  private async postTimeline(): Promise<void> {
    const stored = this.stored;
    const request = this.timelineView;
    if (!stored || !request) return;
    const input = await stored.timelineInput?.().catch(() => undefined);
    if (!input || stored !== this.stored) return;
    this.post({ type: 'timeline', zoom: request.zoom, shapes: layoutTimeline(input, { zoom: request.zoom, width: request.width, t }) });
  }

  private inspect(): TokenInspection {
    return inspectToken(this.token, this.decoded, {
      clock: this.deps.clock,
      skewSeconds: clockSkewSeconds(),
      t,
      locale: vscode.env.language,
    });
  }

  private post(message: HostToPage): void {
    void this.panel.webview.postMessage(message);
  }

  private onMessage(message: unknown): void {
    if (!isPageToHost(message)) {
      this.deps.log.warn('[inspector] ignored an unknown message from the page');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.post({ type: 'render', inspection: this.inspect(), labels: inspectorLabels(), verify: this.verifyResult });
        this.postHistory();
        return;
      case 'copy':
        void this.copy(message.what);
        return;
      case 'verify':
        void this.runVerify();
        return;
      case 'confirmIssuer':
        void this.confirmIssuer();
        return;
      case 'timeline':
        this.timelineView = { zoom: message.zoom, width: message.width };
        void this.postTimeline();
        return;
    }
  }

  private async copy(what: CopyTarget): Promise<void> {
    const text =
      what === 'token'
        ? this.token
        : what === 'bearer'
          ? `Authorization: Bearer ${this.token}`
          : what === 'header'
            ? safeStringify(this.decoded.header, { indent: 2 })
            : this.decoded.kind === 'jws'
              ? safeStringify(this.decoded.payload, { indent: 2 })
              : '';
    await vscode.env.clipboard.writeText(text);
    this.post({ type: 'copied', what });
  }

  /** Runs verification once per click; a result for a token no longer shown is dropped. */
  async runVerify(): Promise<VerifyResult> {
    const generation = this.verifyGeneration;
    this.post({ type: 'verifying' });
    const result = await this.deps.verifier.verify(this.token, { expectedClientId: this.expectedClientId, profile: this.profile });
    if (generation === this.verifyGeneration) {
      this.verifyResult = result;
      this.pendingIssuer = result.confirmIssuer;
      this.post({ type: 'verifyResult', result });
      this.deps.log.info(`[inspector] verify ${result.status} for token ${this.inspection.fingerprint}`);
    }
    return result;
  }

  /** The user trusted the issuer the page showed: remember it, then verify against its keys. */
  private async confirmIssuer(): Promise<void> {
    const issuer = this.pendingIssuer;
    if (issuer === undefined) {
      return;
    }
    this.pendingIssuer = undefined;
    await this.deps.verifier.confirmIssuer(issuer);
    this.deps.log.info(`[inspector] the user trusted issuer ${issuer} for key fetching`);
    await this.runVerify();
  }

  private updateTimer(): void {
    const wanted = this.panel.visible;
    if (wanted && !this.timer) {
      this.timer = setInterval(() => this.tick(), TICK_MS);
      this.tick();
    } else if (!wanted && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private tick(): void {
    if (this.decoded.kind !== 'jws') {
      return;
    }
    const relative: Record<string, string> = {};
    for (const name of ['exp', 'iat', 'nbf', 'auth_time']) {
      const seconds = numericDate(this.decoded.payload[name]);
      if (seconds !== undefined) {
        relative[name] = formatRelative(seconds * 1000, this.deps.clock, t);
      }
    }
    this.post({ type: 'tick', expiry: this.inspect().expiry, relative });
    void this.postTimeline();
  }

  dispose(): void {
    if (InspectorPanel.current === this) {
      InspectorPanel.current = undefined;
    }
    if (this.timer) {
      clearInterval(this.timer);
    }
    this.token = '';
    this.storedSubscription?.dispose();
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
  }
}
