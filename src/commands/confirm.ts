import * as vscode from 'vscode';

/** Shows a destructive act's question and returns the chosen button; `undefined` when dismissed. */
export type ConfirmHandler = (message: string, detail: string, buttons: string[]) => Thenable<string | undefined>;

let override: ConfirmHandler | undefined;

/**
 * VS Code refuses modal dialogs while integration tests run; the suite installs a handler through the extension's
 * API (`testing.setConfirmHandler`) that shows the same words where the driver can read and click them.
 */
export function setConfirmHandler(handler: ConfirmHandler | undefined): void {
  override = handler;
}

/** A modal warning whose buttons name the act ("Delete 3 versions"). */
export function confirm(message: string, detail: string, ...buttons: string[]): Thenable<string | undefined> {
  return override ? override(message, detail, buttons) : vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
}
