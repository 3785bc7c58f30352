-- Drives Neovim's built-in LSP client (0.7+) against the bundled nianbao server:
-- opens a report with filetype nianbao, waits for the server's diagnostics, asks for
-- the code actions of the first error, writes what it saw as JSON and quits.
--
--   NIANBAO_SERVER=dist/server.js NIANBAO_FILE=report.txt NIANBAO_OUT=out.json \
--     nvim --headless --clean -u NONE -i NONE -n -c 'luafile test/neovim/diagnostics.lua'
--
-- Environment: NIANBAO_NODE (default node), NIANBAO_ROOT (root_dir, default cwd),
-- NIANBAO_WANT_ERRORS (default 4), NIANBAO_TIMEOUT_MS (default 10000).
-- Exit status: 0 when the wanted number of errors arrived, 1 otherwise (the JSON is written either way).

local env = function(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then
    return default
  end
  return v
end

local out_path = env('NIANBAO_OUT', 'nvim-diagnostics.json')
local report = { ok = false }

local function write_report()
  local encode = (vim.json and vim.json.encode) or vim.fn.json_encode
  local f = assert(io.open(out_path, 'w'))
  f:write(encode(report))
  f:close()
end

local function lsp_code(d)
  if d.code ~= nil then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

local function nianbao_errors(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'nianbao' and d.severity == vim.diagnostic.severity.ERROR then
      table.insert(out, d)
    end
  end
  return out
end

local function main()
  local v = vim.version()
  report.nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch)
  report.log = vim.lsp.get_log_path()
  vim.lsp.set_log_level('warn')

  local server = assert(os.getenv('NIANBAO_SERVER'), 'NIANBAO_SERVER is not set')
  local file = assert(os.getenv('NIANBAO_FILE'), 'NIANBAO_FILE is not set')
  local want = tonumber(env('NIANBAO_WANT_ERRORS', '4'))
  local timeout = tonumber(env('NIANBAO_TIMEOUT_MS', '10000'))

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'nianbao'

  local config = {
    name = 'nianbao',
    cmd = { env('NIANBAO_NODE', 'node'), server, '--stdio' },
    root_dir = env('NIANBAO_ROOT', vim.fn.getcwd()),
  }
  local client_id
  if vim.lsp.start then -- 0.8+
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else -- 0.7
    client_id = vim.lsp.start_client(config)
    if client_id then
      vim.lsp.buf_attach_client(bufnr, client_id)
    end
  end
  assert(client_id, 'the LSP client did not start')
  report.client_started = true

  report.ok = vim.wait(timeout, function()
    return #nianbao_errors(bufnr) >= want
  end, 50)

  local client = vim.lsp.get_client_by_id(client_id)
  if client then
    report.offset_encoding = client.offset_encoding
    report.server_info = client.server_info
  end

  report.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(report.diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      source = d.source,
      code = lsp_code(d),
      message = d.message,
    })
  end

  -- The quick fixes Neovim would offer (vim.lsp.buf.code_action) for the first error.
  local first = nianbao_errors(bufnr)[1]
  if first then
    -- Byte columns back to the UTF-16 characters the server speaks.
    local function position(lnum, col)
      local text = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
      local _, utf16 = vim.str_utfindex(text, math.min(col, #text))
      return { line = lnum, character = utf16 }
    end
    local lsp_diag = {
      range = { start = position(first.lnum, first.col), ['end'] = position(first.end_lnum, first.end_col) },
      severity = 1,
      message = first.message,
      source = first.source,
      code = lsp_code(first),
      data = first.user_data and first.user_data.lsp and first.user_data.lsp.data or nil,
    }
    report.first_error_range = lsp_diag.range
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = lsp_diag.range,
      context = { diagnostics = { lsp_diag }, only = { 'quickfix' } },
    }, timeout)
    report.code_actions = {}
    for _, response in pairs(responses or {}) do
      for _, action in ipairs(response.result or {}) do
        table.insert(report.code_actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred })
      end
    end
  end

  vim.lsp.stop_client(client_id)
  report.stopped = vim.wait(5000, function()
    return vim.lsp.client_is_stopped(client_id)
  end, 50)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  report.ok = false
  report.error = tostring(err)
end
local wrote, werr = pcall(write_report)
if not wrote then
  io.stderr:write('nianbao: cannot write ' .. out_path .. ': ' .. tostring(werr) .. '\n')
end
if report.ok then
  vim.cmd('qall!')
else
  vim.cmd('cquit 1')
end
