// expect: while: 0 1 2
// expect: do-while once: 1
// expect: while false: 0
// expect: for down: 10 7 4 1
// expect: for expr init: j=3
// expect: for no braces: 15
// expect: for(;;) stopped at 6
// expect: continue runs step: 5
// expect: do-while continue: evens=5 n=10
// expect: post-decrement condition: count=3 n=-1
// note: spec 5.4: 'while' tests before each iteration, 'do' after (the body runs at least once),
// note: 'for' runs init once, tests cond (absent means true), runs the body, then step. 'continue'
// note: goes to the step in a for loop and to the condition in while and do loops. The last loop
// note: tests n-- > 0 with the old value: 3, 2, 1 pass, 0 fails and still decrements n to -1.
string w = 'while:';
i32 i = 0;
while (i < 3) {
    w += ' ' + i;
    i++;
}
print(w);
i32 once = 0;
do {
    once++;
} while (false);
print('do-while once: ' + once);
i32 never = 0;
while (false) never++;
print('while false: ' + never);
string down = 'for down:';
for (i32 k = 10; k > 0; k -= 3) down += ' ' + k;
print(down);
i32 j;
for (j = 0; j < 3; j++) {}
print('for expr init: j=' + j);
i32 sum = 0;
for (i32 k = 1; k <= 5; k++) sum += k;
print('for no braces: ' + sum);
i32 f = 0;
for (;;) {
    f++;
    if (f > 5) break;
}
print('for(;;) stopped at ' + f);
i32 steps = 0;
for (i32 k = 0; k < 5; k++) { steps++; continue; }
print('continue runs step: ' + steps);
i32 n = 0;
i32 evens = 0;
do {
    n++;
    if (n % 2 == 1) continue;
    evens++;
} while (n < 10);
print('do-while continue: evens=' + evens + ' n=' + n);
i32 m = 3;
i32 count = 0;
while (m-- > 0) count++;
print('post-decrement condition: count=' + count + ' n=' + m);
