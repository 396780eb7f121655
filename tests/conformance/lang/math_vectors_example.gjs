// expect: 4.0 11.0 5.0
// expect: 1.0
// note: spec 8.6: the example of the math vectors.
import { vec2f, vec3f } from 'math';
vec2f a = vec2f(1.0f, 2.0f);
vec2f b = vec2f(3.0f, 4.0f);
print((a + b).x.toFixed(1) + ' ' + a.dot(b).toFixed(1) + ' ' + b.length.toFixed(1));
vec3f z = vec3f(1.0f, 0.0f, 0.0f).cross(vec3f(0.0f, 1.0f, 0.0f));
print(z.z.toFixed(1));
