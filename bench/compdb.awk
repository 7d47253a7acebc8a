# compdb.awk: compile_commands.json -> one line per unit, as shell words for `eval set --`:
#   'DIR' 'ABS_FILE' 'ARG' 'ARG' ...
# The arguments are the entry's ("arguments", or "command" split like a shell would) minus
# argv[0], -c, -o X, -M* (-MF/-MT/-MQ X), `--` and the source file: what `clang -fsyntax-only`
# needs before the file, the same treatment vtasklint gives them. A file listed twice is kept
# once (vtasklint analyses it once). POSIX awk; used by run.sh.
#
# The JSON is read with RS set to a double quote, so records alternate between text outside
# strings (the structure: braces, brackets, colons, commas) and string contents; a record
# ending in an odd run of backslashes ended on an escaped quote and continues.

function unescape(s, r, i, c, n) {
  if (index(s, "\\") == 0)
    return s
  r = ""
  n = length(s)
  for (i = 1; i <= n; i++) {
    c = substr(s, i, 1)
    if (c == "\\" && i < n) {
      c = substr(s, ++i, 1)
      if (c == "n") c = "\n"
      else if (c == "t") c = "\t"
      else if (c == "r") c = "\r"
      else if (c == "b") c = "\b"
      else if (c == "f") c = "\f"
      else if (c == "u") { c = "\\u" } # left as written: not expected in paths or flags
    }
    r = r c
  }
  return r
}

function shq(s) { gsub(/'/, "'\\''", s); return "'" s "'" }

# split_command: shell-like word splitting of a "command" string into argv[0..]; returns count.
function split_command(s, argv, n, i, c, w, inw, q, len) {
  n = 0; w = ""; inw = 0; q = ""
  len = length(s)
  for (i = 1; i <= len; i++) {
    c = substr(s, i, 1)
    if (q == "'") {
      if (c == "'") q = ""; else w = w c
    } else if (q == "\"") {
      if (c == "\"") q = ""
      else if (c == "\\" && i < len && index("\"\\$`", substr(s, i + 1, 1))) w = w substr(s, ++i, 1)
      else w = w c
    } else if (c == " " || c == "\t" || c == "\n") {
      if (inw) { argv[n++] = w; w = ""; inw = 0 }
    } else {
      inw = 1
      if (c == "'" || c == "\"") q = c
      else if (c == "\\" && i < len) w = w substr(s, ++i, 1)
      else w = w c
    }
  }
  if (inw) argv[n++] = w
  return n
}

function emit(    argv, n, i, a, abs, line) {
  if (!has_file)
    return
  abs = (substr(e_file, 1, 1) == "/") ? e_file : e_dir "/" e_file
  if (abs in seen)
    return
  seen[abs] = 1
  if (e_nargs > 0) {
    n = e_nargs
    for (i = 0; i < n; i++) argv[i] = e_args[i]
  } else {
    n = split_command(e_command, argv)
  }
  line = shq(e_dir) " " shq(abs)
  for (i = 1; i < n; i++) {
    a = argv[i]
    if (a == "-o" || a == "-MF" || a == "-MT" || a == "-MQ") { i++; continue }
    if (a == "-c" || a == "--" || a == "-M" || a == "-MM" || a == "-MD" || a == "-MMD" || a == "-MP" || a == "-MG")
      continue
    if ((substr(a, 1, 2) == "-o" && length(a) > 2) || substr(a, 1, 3) == "-MF" || substr(a, 1, 3) == "-MT" || substr(a, 1, 3) == "-MQ")
      continue
    if (a == e_file || a == abs || (substr(a, 1, 1) != "-" && e_dir "/" a == abs))
      continue
    line = line " " shq(a)
  }
  print line
}

function structure(s, i, c, n) {
  n = length(s)
  for (i = 1; i <= n; i++) {
    c = substr(s, i, 1)
    if (c == "{") {
      stack[++depth] = "o"; expect_key = 1
      if (depth == 2) { e_dir = ""; e_file = ""; e_command = ""; e_nargs = 0; has_file = 0; curkey = "" }
    } else if (c == "[") {
      stack[++depth] = "a"
    } else if (c == "}") {
      if (depth == 2) emit()
      depth--
      expect_key = 0
    } else if (c == "]") {
      depth--
    } else if (c == ":") {
      expect_key = 0
    } else if (c == ",") {
      expect_key = (stack[depth] == "o")
    }
  }
}

function string_token(s) {
  s = unescape(s)
  if (stack[depth] == "o" && expect_key) {
    if (depth == 2) curkey = s
    expect_key = 0
    return
  }
  if (depth == 2) {
    if (curkey == "directory") e_dir = s
    else if (curkey == "file") { e_file = s; has_file = 1 }
    else if (curkey == "command") e_command = s
  } else if (depth == 3 && stack[depth] == "a" && curkey == "arguments") {
    e_args[e_nargs++] = s
  }
}

BEGIN { RS = "\""; instr = 0; depth = 0; expect_key = 0; acc = "" }

{
  if (!instr) {
    structure($0)
    instr = 1
    acc = ""
  } else {
    acc = acc $0
    if (match($0, /\\+$/) && RLENGTH % 2 == 1) {
      acc = acc "\""
      next
    }
    string_token(acc)
    instr = 0
  }
}
