-- neovim_e2e.lua: a real client drives `vtasklint --lsp`: Neovim's built-in vim.lsp (0.7's
-- start_client/buf_attach_client API, also in later versions) opens src/conn.c of a copy of
-- the example project, waits for the findings, edits the buffer and sees them change, then
-- asks for the code actions of the remaining finding and applies "NOLINTNEXTLINE", after which
-- the finding is gone. Run by neovim.sh: nvim --headless -u NONE -c 'luafile neovim_e2e.lua'.
-- Waits are generous (the machine may be loaded); nothing is timed.
local exe, file = os.getenv('VTL_EXE'), os.getenv('VTL_FILE')
local WAIT = 180000

local function say(msg) io.stdout:write(msg .. '\n') end
local function fail(msg)
  io.stderr:write('neovim e2e: FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end
local function codes(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, (d.code or '?') .. '@' .. (d.lnum + 1))
  end
  table.sort(out)
  return table.concat(out, ' ')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local logs = {}
local client_id = vim.lsp.start_client({
  name = 'vtasklint',
  cmd = { exe, '--lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h:h'),
  handlers = {
    ['window/logMessage'] = function(_, result) table.insert(logs, result.message) end,
  },
})
if not client_id then fail('vim.lsp.start_client did not start the server') end
vim.lsp.buf_attach_client(bufnr, client_id)

-- 1. the findings of the file as it is on disk (the example project's two in conn.c)
local want = 'vtask-discarded@67 vtask-double-await@36'
if not vim.wait(WAIT, function() return codes(bufnr) == want end, 50) then
  fail('expected "' .. want .. '", got "' .. codes(bufnr) .. '"; log: ' .. table.concat(logs, ' | '))
end
say('ok 1 - diagnostics on open: ' .. codes(bufnr))
local d1 = vim.diagnostic.get(bufnr)[1]
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  if d.code == 'vtask-double-await' then d1 = d end
end
local href = d1.user_data and d1.user_data.lsp.codeDescription and d1.user_data.lsp.codeDescription.href or ''
if d1.source ~= 'vtasklint' or not href:find('docs/rules/vtask%-double%-await%.md$') then
  fail('source/codeDescription wrong: ' .. vim.inspect(d1))
end
say('ok 2 - source and rule page: ' .. href)

-- 2. an edit: the discarded call's line is deleted; its finding goes, the other stays
local lines = vim.api.nvim_buf_get_lines(bufnr, 66, 67, false)
if not lines[1]:find('conn_write%(c, bad') then fail('line 67 is not the discarded call: ' .. lines[1]) end
vim.api.nvim_buf_set_lines(bufnr, 66, 67, false, {})
want = 'vtask-double-await@36'
if not vim.wait(WAIT, function() return codes(bufnr) == want end, 50) then
  fail('after the edit expected "' .. want .. '", got "' .. codes(bufnr) .. '"')
end
say('ok 3 - diagnostics follow the edit: ' .. codes(bufnr))

-- 3. the code actions of the remaining finding; "NOLINTNEXTLINE" applied
local diag = vim.diagnostic.get(bufnr)[1]
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = diag.lnum, character = diag.col }, ['end'] = { line = diag.end_lnum, character = diag.end_col } },
  context = { diagnostics = { diag.user_data.lsp } },
}
local replies = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, WAIT)
local actions = replies and replies[client_id] and replies[client_id].result or {}
local titles, chosen = {}, nil
for _, a in ipairs(actions) do
  table.insert(titles, a.title)
  if a.title:find('NOLINTNEXTLINE') then chosen = a end
end
if not chosen or #actions < 2 then fail('code actions: ' .. vim.inspect(titles)) end
say('ok 4 - code actions: ' .. table.concat(titles, '; '))
vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
local above = vim.api.nvim_buf_get_lines(bufnr, 35, 36, false)[1]
if above ~= '  // NOLINTNEXTLINE(vtask-double-await)' then fail('line 36 after the action: ' .. vim.inspect(above)) end
if not vim.wait(WAIT, function() return codes(bufnr) == '' end, 50) then
  fail('after NOLINTNEXTLINE expected no findings, got "' .. codes(bufnr) .. '"')
end
say('ok 5 - the suppression took effect: no findings')

vim.lsp.stop_client(client_id)
vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
say('neovim e2e: 5 passed')
vim.cmd('qall!')
