// module-deps: lib_box
// expect: 4 10 made=1
// expect: hi made=2
// expect: 4.0 3.142
// note: spec 3.7 / 7.3: a template imported under another name is instantiated by the importer,
// note: and its bodies still see the names of the module that declares it (helper, made);
// note: 'import 'math';' makes 'math' the qualifier.
import { Box as B, made } from 'lib_box';
import 'math';
B<i32> b = B<i32>(4);
print('' + b.get() + ' ' + b.twice(5) + ' made=' + made);
B<string> s = B<string>('hi');
print(s.get() + ' made=' + made);
print(math.sqrt(16.0).toFixed(1) + ' ' + math.PI.toFixed(3));
