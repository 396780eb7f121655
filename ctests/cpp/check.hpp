// Shared helpers of the C++ tests: checks that report and count failures instead of
// stopping at the first one.
#ifndef GJS_CPPTEST_CHECK_HPP
#define GJS_CPPTEST_CHECK_HPP

#include "gjs.hpp"

#include <cstdio>
#include <exception>
#include <string>
#include <typeinfo>

namespace check {

inline int& failures() {
    static int n = 0;
    return n;
}

inline void fail(const char* file, int line, const std::string& what) {
    std::printf("%s:%d: %s\n", file, line, what.c_str());
    ++failures();
}

inline int finish(const char* name) {
    if (failures()) {
        std::printf("%s: %d check(s) failed\n", name, failures());
        return 1;
    }
    return 0;
}

/// Runs `body`, which must throw an `E` (or a subclass); reports anything else.
template <typename E, typename Body>
bool throws(const char* file, int line, const char* text, Body&& body) {
    try {
        body();
    } catch (const E&) {
        return true;
    } catch (const std::exception& e) {
        fail(file, line,
             std::string(text) + " threw " + typeid(e).name() + " (" + e.what() +
                 "), expected " + typeid(E).name());
        return false;
    } catch (...) {
        fail(file, line, std::string(text) + " threw something else than " + typeid(E).name());
        return false;
    }
    fail(file, line, std::string(text) + " did not throw " + typeid(E).name());
    return false;
}

}  // namespace check

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) check::fail(__FILE__, __LINE__, "check failed: " #cond);    \
    } while (0)

#define CHECK_EQ(actual, expected)                                               \
    do {                                                                         \
        if (!((actual) == (expected))) {                                         \
            check::fail(__FILE__, __LINE__,                                      \
                        "check failed: " #actual " == " #expected);              \
        }                                                                        \
    } while (0)

/// The statement must throw E (or a subclass).
#define CHECK_THROWS(E, stmt) check::throws<E>(__FILE__, __LINE__, #stmt, [&] { stmt; })

/// The statement must not throw.
#define CHECK_NOTHROW(stmt)                                                      \
    do {                                                                         \
        try {                                                                    \
            stmt;                                                                \
        } catch (const std::exception& e) {                                      \
            check::fail(__FILE__, __LINE__,                                      \
                        std::string(#stmt " threw: ") + e.what());               \
        }                                                                        \
    } while (0)

#endif  // GJS_CPPTEST_CHECK_HPP
