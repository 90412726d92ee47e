// The JavaScript CEL evaluators on npm, timed on the expressions and the Deployment of
// bench/cel_bench.cc (compile once, evaluate many): prints one line per evaluator and case,
// "NAME CASE NS_PER_EVAL" (or "unsupported: REASON"). Run by bench/cel_vs_js.sh.
//   node bench/cel_js_bench.mjs NODE_MODULES_DIR DEPLOYMENT_JSON
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

const [modules, objectFile] = process.argv.slice(2)
// Integers as BigInt: CEL's int, as Kubernetes hands them to cel-go.
const object = JSON.parse(readFileSync(objectFile, 'utf8'), (_k, v) =>
  typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v)

const cases = {
  replicas: ['object.spec.replicas >= 2'],
  all_optional: ["object.spec.template.spec.containers.all(c, c.?securityContext.?allowPrivilegeEscalation.orValue(true) == false)"],
  policy3: [
    'object.spec.replicas >= 2',
    "object.spec.template.spec.containers.all(c, c.image.startsWith('registry.example.com/'))",
    'object.spec.template.spec.containers.all(c, c.?resources.?limits.?memory.hasValue() && c.?securityContext.?allowPrivilegeEscalation.orValue(true) == false)'
  ]
}

const require = createRequire(path.join(modules, 'x.js'))
const load = async (name) => import(pathToFileURL(require.resolve(name)).href)

async function evaluators () {
  const out = []
  const celjs = await load('@marcbachmann/cel-js')
  const env = new celjs.Environment({ unlistedVariablesAreDyn: true, enableOptionalTypes: true })
  out.push(['cel-js', (text) => {
    const fn = env.parse(text)
    return (vars) => fn(vars)
  }])
  const buf = await load('@bufbuild/cel')
  const benv = buf.celEnv()
  out.push(['bufbuild-cel', (text) => {
    const fn = buf.plan(benv, buf.parse(text))
    return (vars) => {
      const r = fn(vars)
      if (buf.isCelError(r)) throw new Error(String(r.message ?? r))
      return r
    }
  }])
  return out
}

function time (fns, vars) {
  const run = (n) => {
    for (let i = 0; i < n; i++) {
      for (const f of fns) if (f(vars) !== true) throw new Error('validation did not hold')
    }
  }
  run(20000)  // warm up the JIT
  const samples = []
  for (let r = 0; r < 5; r++) {
    const n = 50000
    const t0 = process.hrtime.bigint()
    run(n)
    samples.push(Number(process.hrtime.bigint() - t0) / n)
  }
  samples.sort((a, b) => a - b)
  return samples[2]
}

for (const [name, compile] of await evaluators()) {
  for (const [label, exprs] of Object.entries(cases)) {
    try {
      const fns = exprs.map(compile)
      console.log(`${name} ${label} ${time(fns, { object }).toFixed(1)}`)
    } catch (e) {
      console.log(`${name} ${label} unsupported: ${String(e.message).split('\n')[0]}`)
    }
  }
}
