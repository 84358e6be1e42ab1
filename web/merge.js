// merge.js - three-way merge of an offline edit, field by field.
// base: the record as it was when the edit began; mine: the fields the
// person changed (the PATCH body); cur: the record on the server now
// (the 412 answer's "current").  A field only I changed is sent; one
// only the server changed is left as the server has it; one changed on
// both sides to different values is a conflict for the person to decide.
const same = (a, b) => (a ?? null) === (b ?? null);

export function merge3(base, mine, cur) {
	const send = {}, conflicts = [];
	for (const [k, m] of Object.entries(mine)) {
		const b = base ? base[k] : undefined, c = cur[k];
		if (same(c, m)) continue;                 // the server has it already
		if (same(c, b)) send[k] = m;             // only I changed it
		else conflicts.push(k);                  // both changed it, differently
	}
	return { send, conflicts };
}
