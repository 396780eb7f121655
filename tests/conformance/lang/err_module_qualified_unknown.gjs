// module-deps: lib_geo
// expect-compile-error: a qualified name the module does not declare (E0211)
// expect-error-line: 6
// note: spec 7.3: x.name must be an export of the module.
import 'lib_geo' as geo;
i32 n = geo.nothing(); // <- error
