// The functions each translation unit of this program provides to the other.
#ifndef GJS_CPPTEST_TWO_UNITS_HPP
#define GJS_CPPTEST_TWO_UNITS_HPP

#include "gjs.h"
#include "gjs.hpp"

#include <string>

// Defined in second.cpp: binds "i32 scaled(i32 x)" into `ctx` and returns the
// result of a script call made there.
int32_t bind_in_second_unit(gjs::context& ctx);
// Defined in second.cpp: a context made, used and destroyed there.
std::string greet_in_second_unit(const std::string& who);

#endif  // GJS_CPPTEST_TWO_UNITS_HPP
