// Browser side of the package settings webview (filled in by the settings issue).
export {};
