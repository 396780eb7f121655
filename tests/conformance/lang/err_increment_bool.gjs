// expect-compile-error: ++ on a bool (E0301)
// expect-error-line: 10
// note: spec 4.7: ++ and -- need a numeric place; bool is E0301.
print('must not be printed');
i32 n = 0;
n++;
f64 f = 0.5;
f++;
bool b = false;
b++; // <- error
print('' + b + n);
