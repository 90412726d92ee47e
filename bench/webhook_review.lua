-- wrk script for bench/webhook_vs_nginx.sh: POSTs one AdmissionReview per request over the
-- keep-alive connection. GORI_REVIEW names the body file; GORI_DELAY_MS > 0 paces each
-- connection (wrk's delay hook) to measure latency below the maximum rate.
local path = os.getenv("GORI_REVIEW") or "tests/testdata/webhook/create_clean.json"
local f = assert(io.open(path, "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

local delay_ms = tonumber(os.getenv("GORI_DELAY_MS") or "0")
if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

local non200 = 0
function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-200 responses: %d\n", summary.errors.status))
end
