/* template_code.h: whether a main file holds code that a header's template could instantiate:
 * a template (function, class, partial specialization, member template, abbreviated with
 * `auto` parameters), a generic lambda, or an explicit specialization of a template. When a
 * preamble was parsed without its function bodies (unit.h, BODIES_FOR_CODE), such code is
 * where the bodies' instantiations would have reached the main file: their errors, or an
 * explicit specialization declared after an instantiation. */
#ifndef VTL_DRIVER_TEMPLATE_CODE_H
#define VTL_DRIVER_TEMPLATE_CODE_H

#include <clang-c/Index.h>
#include <stdbool.h>

bool template_code_in_main_file(CXTranslationUnit tu);

#endif
