// module-deps: lib_geo
// expect: lib_geo init
// expect: sum=7 made=1
// expect: origin=0 made=2 axis=2
// expect: area=12 alias=12
// expect: made=5
// expect: math 1.414 3.14
// expect: heap 11
// note: spec 7.3: 'import 'm' as x' and 'import 'm'' reach every export as x.name: functions,
// note: globals (shared storage, assignable), classes as types and constructors (also with
// note: 'new'), static members, formats with literals, enums; the built-in math module too.
import 'lib_geo' as geo;
import 'lib_geo';
import 'math' as m;
geo.Pt p = geo.Pt(3, 4);
print('sum=' + p.sum() + ' made=' + geo.made);
geo.Pt o = geo.Pt.origin();
print('origin=' + o.sum() + ' made=' + lib_geo.made + ' axis=' + geo.Axis.Z);
geo.Size s = geo.Size({ w: 3, h: 4 });
print('area=' + geo.area(s) + ' alias=' + lib_geo.area(s));
geo.made = 5;
print('made=' + lib_geo.made);
print('math ' + m.sqrt(2.0).toFixed(3) + ' ' + m.PI.toFixed(2));
geo.Pt? h = new geo.Pt(5, 6);
print('heap ' + h.sum());
delete h;
