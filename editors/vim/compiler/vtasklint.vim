" Vim compiler file
" Compiler:    vtasklint (finds misuse of single-use awaitables in C and C++)
" Use:         :compiler vtasklint, then :make % (or :make -p build, :make src/)
" Install:     put this directory's parent on 'runtimepath', or copy the file into
"              ~/.vim/compiler/ (Vim) or ~/.config/nvim/compiler/ (Neovim)
"
" :make runs `vtasklint --format=concise`: one line per finding, its notes folded in. The
" errorformat also reads vtasklint's default text format (for :cexpr system('vtasklint ...')
" or :cfile of saved output): the source snippet under each finding ('   36 |   code' and the
" caret line '      |   ^~~') and the summary line are dropped, each note becomes an entry of
" its own (type n), and vtasklint's own errors an entry without a location.

if exists("current_compiler")
  finish
endif
let current_compiler = "vtasklint"

let s:cpo_save = &cpo
set cpo&vim

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

CompilerSet makeprg=vtasklint\ --format=concise
CompilerSet errorformat=
      \%-G%\\s%#%\\d%#\ \|%.%#,
      \%f:%l:%c:\ %trror:\ %m,
      \%f:%l:%c:\ %tarning:\ %m,
      \%f:%l:%c:\ %tote:\ %m,
      \vtasklint:\ %trror:\ %m,
      \vtasklint:\ %tarning:\ %m,
      \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
