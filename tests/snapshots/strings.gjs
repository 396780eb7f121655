// Concatenation appends in place to one temporary; literals are immortal constants.
string greet(string name, i32 n) {
    string s = 'hello ' + name + ' #' + n;
    s += '!';
    return s;
}
print(greet('world', 3));
