# Sourced by the side-by-side bench scripts: the reference nginx (tests/integration/nginx_lib.sh:
# free_port, start_nginx, wait_http, stop_nginx) and one way to measure a client's CPU time.
#
#   run_measured CMD...   runs CMD, passes its output to stderr and prints
#                         "cpu_seconds maxrss_kib" of CMD (user + sys)

source "$(dirname "${BASH_SOURCE[0]}")/../tests/integration/nginx_lib.sh"

run_measured() {
  python3 - "$@" <<'EOF'
import resource, subprocess, sys
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open("/dev/stderr", "w").write(p.stdout)
print(r.ru_utime + r.ru_stime, r.ru_maxrss)
EOF
}
