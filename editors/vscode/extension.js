// extension.js: starts `vtasklint --lsp` for C and C++ files. The client (vscode-languageclient)
// does the rest: it pulls diagnostics, shows the code actions, and tells the server when a
// .vtasklint.yaml or a compile_commands.json changes (the server then reloads them).
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const cfg = vscode.workspace.getConfiguration('vtasklint');
  const server = { command: cfg.get('path', 'vtasklint'), args: ['--lsp', ...cfg.get('args', [])] };
  const options = {
    documentSelector: [
      { scheme: 'file', language: 'c' },
      { scheme: 'file', language: 'cpp' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.vtasklint.yaml,compile_commands.json}'),
    },
  };
  client = new LanguageClient('vtasklint', 'vtasklint', server, options);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
