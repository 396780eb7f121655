// module-deps: lib_geo
// expect-compile-error: a module qualifier is not a value (E0308)
// expect-error-line: 6
// note: spec 7.3: the qualifier of 'import 'm' as x' only reaches exports.
import 'lib_geo' as geo;
i32 n = geo; // <- error
