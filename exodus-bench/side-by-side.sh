#!/usr/bin/env bash
# Side by side with the C library: the same reads of the same files, C (shared/tools/exread.c on
# Debian's libexodusII and netCDF-C) and Java (org.exodusj.bench.ReadSpeed), in one run.
#
# usage: exodus-bench/side-by-side.sh [N] [REPS] [THREADS]
#        exodus-bench/side-by-side.sh workloads [REPS]
#        exodus-bench/side-by-side.sh writes [N] [REPS] [THREADS]
#        exodus-bench/side-by-side.sh appends [N] [REPS]
#        exodus-bench/side-by-side.sh jobs [STEPS...]
#   workloads  only the workloads of issue 14 (c/exwork.c against WorkloadSpeed, default options):
#            histories of every variable over 800 steps on tiny chunks (deflate 5 + shuffle, 1x8
#            values) and on one step per chunk, the same as CDF-2, with the cache off for
#            comparison; 20 windows of 1000 nodes in a 227 K-node NetCDF-4 step (deflate 1 +
#            shuffle) and in CDF-2; open + sizes + close of a 110 KB classic file, and of a
#            3.5 MB one with 5,000 element blocks, 2,000 node sets and 2,000 side sets (c/exmany.c,
#            mean of 10 opens per repetition). REPS (default 20) is the repetitions of
#            each, each opening the file afresh; windows run 5 x REPS.
#   opens    open + sizes + close of the shared corpus's MOOSE outputs (blackbear, mastodon: up to
#            1,015 info records each) in a warm JVM: c/exwork.c open (ex_open + ex_get_init_ext +
#            ex_close on libexodusII 6.02) against WorkloadSpeed open, mean of 200 opens, best of
#            REPS (default 50: 10,000 opens of each file on each side); wall time, and CPU time
#            of the whole process per open (Java: every thread, JIT and GC included), which a
#            loaded machine disturbs less.
#   writes   only the NetCDF-4 writes of issue 16, deflate 1 + shuffle: the C library writing the
#            exgen mesh (c/exgenz.c: exgen with ex_set_option compression level 1 + shuffle) against
#            ExodusWriter writing the same (org.exodusj.bench.Nc4WriteSpeed) on 1 and THREADS
#            compression threads; then the CDF-2 file converted by nccopy -k nc4 -d 1 -s against
#            exo convert --format nc4 --deflate 1 --shuffle (--threads THREADS). C and Java runs are
#            interleaved, REPS rounds (default 3), one process per run, timed from outside (the
#            JVM's start and warm-up counted); best wall time and best CPU time (user + system)
#            kept. The C library's checksums (exread) of the written files must equal those of the
#            CDF-2 source; sizes are printed.
#   appends  one step of 3 nodal variables appended to an exgen mesh of N^3 HEX8 (default 46:
#            103,823 nodes) in 1 x 8 chunks and in one step per chunk (nccopy -d 1 -s): the C
#            library (exodus-core/src/test/c/exappend.c, ex_put_var) against ExodusUpdater
#            (org.exodusj.bench.Nc4PlaceSpeed append), each timed in its process, best of REPS
#            (default 5) fresh copies (the ratio), then the medians, the Java side's first
#            repetition (its JVM cold) and the least CPU seconds: the C process's in the append,
#            the Java thread's, the whole JVM's (with its JIT compiler and collector threads); the
#            C library must dump both appends identically. JAVA_OPTS goes to the Java side's JVM
#            (for example -XX:TieredStopAtLevel=1).
#   jobs     the background analyses' workload: 4 processes (-Xmx64m each) start together and each
#            patches one frame of nodal variable 0 (185,193 nodes: a 1.5 MB slice) of one file,
#            serialised by the updater's lock wait; files of STEPS steps (default 20 80 200: about
#            130 MB, 480 MB and 1.2 GB as CDF-2) of an exgen mesh of 56^3 HEX8 with 3 nodal variables,
#            as CDF-2, as netCDF-C's NetCDF-4 (nccopy -k nc4 -c time_step/1) and as ours
#            (JobsSpeed convert, the same chunks), unfiltered so that the NetCDF-4 files are as
#            large as the CDF-2 ones (exgen's values deflate to about 1 %). Prints per file the size, the
#            slowest job's patch time (writes + commit, wait excluded), the slowest wait+open,
#            the largest peak heap (MB, the heap pools' peaks summed) and peak RSS (MB, time -f %M).
#            h5dump -H must read every NetCDF-4 file after the jobs.
#   N        mesh of N^3 HEX8 elements, (N+1)^3 nodes, 5 steps of 3 nodal variables (default 200:
#            8.1 M nodes, 122 M nodal doubles, a 1.7 GB CDF-2 file)
#   REPS     repetitions, best time kept (default 3)
#   THREADS  decode threads for the parallel NetCDF-4 run (default 2)
# Needs: gcc, libexodusii-dev, netcdf-bin, and the built benchmarks jar
#   (mvn -B -q package -DskipTests). Files go to exodus-bench/target/side-by-side (or $WORK).
# Prints each operation's time for C and Java and the speed ratio (C time / Java time: above 1
# means Java is faster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
if [ "${1:-}" = workloads ]; then
  reps=${2:-20}
  work=${WORK:-$here/target/side-by-side}
  jar=$root/exodus-bench/target/benchmarks.jar
  mkdir -p "$work"
  [ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  gcc -O2 -o "$work/exgen" "$shared/tools/exgen.c" -lexoIIv2c -lnetcdf
  gcc -O2 -o "$work/exwork" "$here/c/exwork.c" -lexoIIv2c -lnetcdf
  gcc -O2 -o "$work/exmany" "$here/c/exmany.c" -lexoIIv2c -lnetcdf
  h="$work/hist-800.e"; w="$work/win-60.e"; small="$work/small-9.e"; many="$work/many-5000.e"
  # the C library takes about 6 minutes for this one (each block and set redefines the file)
  [ -f "$many" ] || "$work/exmany" "$many" 5000 2000 2000 cdf2 > /dev/null
  [ -f "$h" ] || "$work/exgen" "$h" 10 10 10 800 9 cdf2 > /dev/null
  [ -f "$work/hist-800-d5-1x8.nc4" ] ||
    nccopy -k nc4 -d 5 -s -c time_step/1,num_nodes/8 "$h" "$work/hist-800-d5-1x8.nc4"
  [ -f "$work/hist-800-d5-step.nc4" ] ||
    nccopy -k nc4 -d 5 -s -c time_step/1 "$h" "$work/hist-800-d5-step.nc4"
  [ -f "$w" ] || "$work/exgen" "$w" 60 60 60 5 3 cdf2 > /dev/null
  [ -f "$work/win-60-d1-step.nc4" ] ||
    nccopy -k nc4 -d 1 -s -c time_step/1 "$w" "$work/win-60-d1-step.nc4"
  [ -f "$small" ] || "$work/exgen" "$small" 9 9 9 2 3 cdf2 > /dev/null
  echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
  printf "%-34s %10s %10s %8s\n" workload "C s" "Java s" ratio
  row() { # label op file reps [cache bytes]
    cat "$3" > /dev/null
    c=$("$work/exwork" "$2" "$3" "$4")
    j=$(java -Xmx1g -cp "$jar" org.exodusj.bench.WorkloadSpeed "$2" "$3" "$4" ${5:-})
    cs=$(echo "$c" | sed 's/.*sum=//'); js=$(echo "$j" | sed 's/.*sum=//')
    awk -v a="$cs" -v b="$js" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * (a < 0 ? -a : a) + 1e-12) }' ||
      { echo "CHECKSUMS DIFFER: $c / $j"; exit 1; }
    ct=$(echo "$c" | sed 's/.*best=\([0-9.e-]*\).*/\1/'); jt=$(echo "$j" | sed 's/.*best=\([0-9.e-]*\).*/\1/')
    printf "%-34s %10.6f %10.6f %7.2fx\n" "$1" "$ct" "$jt" "$(echo "$ct / $jt" | bc -l)"
  }
  row "history nc4 d5 1x8 chunks" history "$work/hist-800-d5-1x8.nc4" "$reps"
  row "  same, Java cache off" history "$work/hist-800-d5-1x8.nc4" "$reps" 0
  row "history nc4 d5 step chunks" history "$work/hist-800-d5-step.nc4" "$reps"
  row "  same, Java cache off" history "$work/hist-800-d5-step.nc4" "$reps" 0
  row "history CDF-2" history "$h" "$reps"
  row "20 windows nc4 d1 step chunks" window "$work/win-60-d1-step.nc4" $((5 * reps))
  row "20 windows CDF-2" window "$w" $((5 * reps))
  row "open+sizes+close 110 KB CDF-2" open "$small" "$reps"
  row "open+sizes+close 5000 blocks" openmany "$many" "$reps"
  echo "checksums equal on every row (relative 1e-9: C's %.17g and Java's print the same sums)"
  exit 0
fi
if [ "${1:-}" = opens ]; then
  reps=${2:-50}
  work=${WORK:-$here/target/side-by-side}
  jar=$root/exodus-bench/target/benchmarks.jar
  mkdir -p "$work"
  [ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  [ -d "$shared/corpus" ] || { echo "no corpus at $shared/corpus" >&2; exit 2; }
  gcc -O2 -o "$work/exwork" "$here/c/exwork.c" -lexoIIv2c -lnetcdf
  echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
  printf "%-44s %10s %10s %8s %10s %10s %8s\n" "open+sizes+close (mean of 200)" "C s" "Java s" ratio \
    "C cpu s" "Java cpu s" ratio
  for f in "$shared"/corpus/blackbear__* "$shared"/corpus/mastodon__*; do
    case $f in *.cdl) continue ;; esac
    c=$("$work/exwork" open "$f" "$reps")
    j=$(java -Xmx1g -cp "$jar" org.exodusj.bench.WorkloadSpeed open "$f" "$reps")
    cs=$(echo "$c" | sed 's/.*sum=//'); js=$(echo "$j" | sed 's/.*sum=//')
    awk -v a="$cs" -v b="$js" 'BEGIN { exit !(a == b) }' || { echo "SIZES DIFFER: $c / $j"; exit 1; }
    ct=$(echo "$c" | sed 's/.*best=\([0-9.e-]*\).*/\1/'); jt=$(echo "$j" | sed 's/.*best=\([0-9.e-]*\).*/\1/')
    cc=$(echo "$c" | sed 's/.*cpu=\([0-9.e-]*\).*/\1/'); jc=$(echo "$j" | sed 's/.*cpu=\([0-9.e-]*\).*/\1/')
    name=$(basename "$f" | sed 's/__gold__/ /; s/.*__//')
    printf "%-44s %10.6f %10.6f %7.2fx %10.6f %10.6f %7.2fx\n" "${name:0:44}" "$ct" "$jt" \
      "$(echo "$ct / $jt" | bc -l)" "$cc" "$jc" "$(echo "$cc / $jc" | bc -l)"
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
if [ "${1:-}" = writes ]; then
  n=${2:-200}
  reps=${3:-3}
  threads=${4:-2}
  work=${WORK:-$here/target/side-by-side}
  jar=$root/exodus-bench/target/benchmarks.jar
  exo=$root/exodus-cli/target/exo.jar
  heap=${JAVA_HEAP:-2g}
  mkdir -p "$work"
  [ -f "$jar" ] && [ -f "$exo" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  gcc -O2 -o "$work/exgen" "$shared/tools/exgen.c" -lexoIIv2c -lnetcdf
  gcc -O2 -o "$work/exgenz" "$here/c/exgenz.c" -lexoIIv2c -lnetcdf
  gcc -O2 -o "$work/exread" "$shared/tools/exread.c" -lexoIIv2c -lnetcdf
  cdf="$work/mesh-$n.e"
  [ -f "$cdf" ] || "$work/exgen" "$cdf" "$n" "$n" "$n" 5 3 cdf2 > /dev/null
  sums() { awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^sum=/) { sub("sum=", "", $i); print $1, $i } }'; }
  best() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" = 1 ]; then echo "$2"; else echo "$1"; fi; }
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  # Each run is timed from outside (wall and CPU = user + system of the whole process, the JVM's
  # start, JIT and GC threads included); the best of the rounds is kept for each.
  declare -A wall cpu
  timed() { # key command...: runs it, keeps the best wall and CPU seconds under key
    local k=$1; shift
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" > /dev/null
    local w u s c
    read -r w u s < "$work/time.txt"; c=$(echo "$u + $s" | bc)
    wall[$k]=$(best "${wall[$k]:-}" "$w"); cpu[$k]=$(best "${cpu[$k]:-}" "$c")
  }
  for r in $(seq "$reps"); do
    rm -f "$work/wc.nc4" "$work/wj.nc4" "$work/wjt.nc4" "$work/vc.nc4" "$work/vj.nc4" "$work/vjt.nc4"
    timed wc "$work/exgenz" "$work/wc.nc4" "$n" "$n" "$n" 5 3 1 1
    timed wj java -Xmx"$heap" -cp "$jar" org.exodusj.bench.Nc4WriteSpeed "$work/wj.nc4" "$n" 5 3 1 1 1 1
    timed wjt java -Xmx"$heap" -cp "$jar" org.exodusj.bench.Nc4WriteSpeed "$work/wjt.nc4" "$n" 5 3 1 1 "$threads" 1
    cat "$cdf" > /dev/null
    timed vc nccopy -k nc4 -d 1 -s "$cdf" "$work/vc.nc4"
    timed vj java -Xmx"$heap" -jar "$exo" convert "$cdf" "$work/vj.nc4" --format nc4 --deflate 1 --shuffle
    timed vjt java -Xmx"$heap" -jar "$exo" convert "$cdf" "$work/vjt.nc4" --format nc4 --deflate 1 --shuffle --threads "$threads"
    echo "round $r: load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
  # The same content: the C library's checksums of coordinates, connectivity and every nodal value.
  ref=$("$work/exread" "$cdf" 1 | sums)
  for f in wc wj wjt vc vj vjt; do
    [ "$("$work/exread" "$work/$f.nc4" 1 | sums)" = "$ref" ] || { echo "CONTENT DIFFERS: $f.nc4"; exit 1; }
  done
  row() { # label C-key Java-key Java-threads-key table
    local -n t=$5
    printf "%-38s %8.3f %8.3f %6.2fx %8.3f %6.2fx\n" "$1" "${t[$2]}" "${t[$3]}" \
      "$(echo "${t[$2]} / ${t[$3]}" | bc -l)" "${t[$4]}" "$(echo "${t[$2]} / ${t[$4]}" | bc -l)"
  }
  for m in wall cpu; do
    echo
    printf "%-38s %8s %8s %7s %8s %7s\n" "N=$n, deflate 1 + shuffle: $m s, best of $reps" C Java ratio "Java ${threads}T" ratio
    row "write (exgenz / Nc4WriteSpeed)" wc wj wjt $m
    row "convert CDF-2 (nccopy / exo convert)" vc vj vjt $m
  done
  sz() { stat -c %s "$work/$1.nc4"; }
  echo "sizes (bytes): write C $(sz wc), Java $(sz wj), Java ${threads}T $(sz wjt); convert nccopy $(sz vc), Java $(sz vj), Java ${threads}T $(sz vjt)"
  echo "the C library reads the same values from all six files as from the CDF-2 source (exread checksums)"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f "$work/wc.nc4" "$work/wj.nc4" "$work/wjt.nc4" "$work/vc.nc4" "$work/vj.nc4" "$work/vjt.nc4"
  exit 0
fi
if [ "${1:-}" = jobs ]; then
  shift
  steps_list=${*:-20 80 200}
  work=${WORK:-$here/target/side-by-side}
  jar=$root/exodus-bench/target/benchmarks.jar
  mkdir -p "$work"
  [ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  gcc -O2 -o "$work/exgen" "$shared/tools/exgen.c" -lexoIIv2c -lnetcdf
  echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
  printf "%-22s %9s %9s %11s %9s %8s\n" "file" "MB" "patch s" "wait+open s" "heap MB" "RSS MB"
  for steps in $steps_list; do
    src="$work/jobs-$steps.e"
    [ -f "$src" ] || "$work/exgen" "$src" 56 56 56 "$steps" 3 cdf2 > /dev/null
    [ -f "$work/jobs-$steps-c.nc4" ] || nccopy -k nc4 -c time_step/1 "$src" "$work/jobs-$steps-c.nc4"
    [ -f "$work/jobs-$steps-ours.nc4" ] ||
      java -Xmx1g -cp "$jar" org.exodusj.bench.JobsSpeed convert "$src" "$work/jobs-$steps-ours.nc4"
    for kind in e c.nc4 ours.nc4; do
      orig="$work/jobs-$steps.e"; [ "$kind" = e ] || orig="$work/jobs-$steps-$kind"
      f="$work/patched-$steps.$kind"
      cp "$orig" "$f"
      cat "$f" > /dev/null
      pids=()
      for j in 0 1 2 3; do
        frame=$(( (steps - 1) * (j + 1) / 4 ))
        /usr/bin/time -f "rss=%M" -o "$work/job-$j.rss" \
          java -Xmx64m -cp "$jar" org.exodusj.bench.JobsSpeed patch "$f" "$frame" > "$work/job-$j.out" &
        pids+=($!)
      done
      for p in "${pids[@]}"; do wait "$p"; done
      [ "$kind" = e ] || h5dump -H "$f" > /dev/null
      cat "$work"/job-?.out "$work"/job-?.rss | awk -v name="$steps steps .$kind" -v mb="$(stat -c %s "$orig")" '
        { for (i = 1; i <= NF; i++) { split($i, kv, "=");
            if (kv[1] == "patch" && kv[2] > p) p = kv[2]; if (kv[1] == "wait+open" && kv[2] > w) w = kv[2];
            if (kv[1] == "heap" && kv[2] > h) h = kv[2]; if (kv[1] == "rss" && kv[2] > r) r = kv[2] } }
        END { printf "%-22s %9.1f %9.3f %11.3f %9.1f %8.1f\n", name, mb / 1e6, p, w, h, r / 1024 }'
      rm -f "$f"
    done
  done
  exit 0
fi
if [ "${1:-}" = appends ]; then
  n=${2:-46}
  reps=${3:-5}
  work=${WORK:-$here/target/side-by-side}
  jar=$root/exodus-bench/target/benchmarks.jar
  mkdir -p "$work"
  [ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  gcc -O2 -o "$work/exgen" "$shared/tools/exgen.c" -lexoIIv2c -lnetcdf
  gcc -O2 -o "$work/exref" "$shared/tools/exref.c" -lexoIIv2c -lnetcdf
  gcc -O2 -o "$work/exappend" "$root/exodus-core/src/test/c/exappend.c" -lexoIIv2c -lnetcdf
  src="$work/app-$n.e"
  [ -f "$src" ] || "$work/exgen" "$src" "$n" "$n" "$n" 2 3 cdf2 > /dev/null
  nccopy -k nc4 -d 1 -s -c time_step/1,num_nodes/8 "$src" "$work/app-$n-1x8.nc4"
  nccopy -k nc4 -d 1 -s -c time_step/1 "$src" "$work/app-$n-step.nc4"
  echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
  printf "%-30s %10s %10s %8s %12s %12s %12s %10s %10s %10s\n" "append one step, N=$n" "C s" \
    "Java s" ratio "C median s" "Java median" "Java first" "C cpu s" "Java cpu" "JVM cpu"
  for f in "$work/app-$n-1x8.nc4" "$work/app-$n-step.nc4"; do
    best=
    ccpu=
    ts=
    for r in $(seq "$reps"); do
      cp "$f" "$work/c-append.nc4"
      o=$("$work/exappend" "$work/c-append.nc4")
      t=$(echo "$o" | sed 's/.*s=//')
      c=$(echo "$o" | sed 's/.*cpu=\([0-9.]*\) .*/\1/')
      best=$(awk -v a="$t" -v b="${best:-1e9}" 'BEGIN { print (a < b ? a : b) }')
      ccpu=$(awk -v a="$c" -v b="${ccpu:-1e9}" 'BEGIN { print (a < b ? a : b) }')
      ts="$ts $t"
    done
    cmed=$(echo $ts | tr ' ' '\n' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
    out=$(java -Xmx2g ${JAVA_OPTS:-} -cp "$jar" org.exodusj.bench.Nc4PlaceSpeed append "$f" "$work" "$reps")
    j=$(echo "$out" | sed 's/.*best=\([0-9.]*\) s.*/\1/')
    jmed=$(echo "$out" | sed 's/.*median=\([0-9.]*\) s.*/\1/')
    jfirst=$(echo "$out" | sed 's/.*first=\([0-9.]*\) s.*/\1/')
    jcpu=$(echo "$out" | sed 's/.* cpu=\([0-9.]*\)\/.*/\1/')
    jvmcpu=$(echo "$out" | sed 's/.*process-cpu=\([0-9.]*\)\/.*/\1/')
    # the same values: the C library must dump the Java append (the last one, left in
    # place-NAME) as its own
    cmp -s <("$work/exref" "$work/c-append.nc4") <("$work/exref" "$work/place-$(basename "$f")") || {
      echo "the C library reads the Java append of $f differently" >&2
      exit 1
    }
    printf "%-30s %10s %10s %8s %12s %12s %12s %10s %10s %10s\n" "$(basename "$f")" "$best" "$j" \
      "$(awk -v c="$best" -v j="$j" 'BEGIN { printf "%.2fx", c / j }')" "$cmed" "$jmed" "$jfirst" \
      "$ccpu" "$jcpu" "$jvmcpu"
  done
  exit 0
fi
n=${1:-200}
reps=${2:-3}
threads=${3:-2}
work=${WORK:-$here/target/side-by-side}
jar=$root/exodus-bench/target/benchmarks.jar
heap=${JAVA_HEAP:-4g}
mkdir -p "$work"
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
gcc -O2 -o "$work/exgen" "$shared/tools/exgen.c" -lexoIIv2c -lnetcdf
gcc -O2 -o "$work/exread" "$shared/tools/exread.c" -lexoIIv2c -lnetcdf
cdf="$work/mesh-$n.e"
nc4="$work/mesh-$n-deflate1-shuffle.nc4"
[ -f "$cdf" ] || "$work/exgen" "$cdf" "$n" "$n" "$n" 5 3 cdf2
[ -f "$nc4" ] || nccopy -k nc4 -d 1 -s "$cdf" "$nc4"

# op name -> seconds, from exread/ReadSpeed output lines "<op> ... best=<s> s ..."
times() { awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^best=/) { sub("best=", "", $i); print $1, $i } }'; }
sums() { awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^sum=/) { sub("sum=", "", $i); print $1, $i } }'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
for f in "$cdf" "$nc4"; do
  echo
  echo "== $(basename "$f") ($(du -h "$f" | cut -f1)), best of $reps"
  cat "$f" > /dev/null  # page cache warm for both sides
  c=$("$work/exread" "$f" "$reps")
  j=$(java -Xmx"$heap" -cp "$jar" org.exodusj.bench.ReadSpeed "$f" "$reps" 1)
  jp=$(java -Xmx"$heap" -cp "$jar" org.exodusj.bench.ReadSpeed "$f" "$reps" "$threads")
  # checksums compared as numbers (C's %.17g and Java's print the same double differently)
  if ! join <(echo "$c" | sums | sort) <(echo "$j" | sums | sort) |
      awk '{ if ($2 + 0 != $3 + 0) bad = 1 } END { exit bad }'; then
    echo "CHECKSUMS DIFFER"; echo "$c"; echo "$j"; exit 1
  fi
  join <(echo "$c" | times | sort) <(echo "$j" | times | sort) | join - <(echo "$jp" | times | sort) |
    awk -v t="$threads" 'BEGIN { printf "%-12s %10s %10s %8s %12s %8s\n", "op", "C s", "Java s", "ratio", "Java " t "T s", "ratio" }
         { printf "%-12s %10.4f %10.4f %7.2fx %12.4f %7.2fx\n", $1, $2, $3, $2 / $3, $4, $2 / $4 }'
  echo "checksums equal: $(echo "$c" | sums | tr '\n' ' ')"
done

# Writing: the same mesh and results with the C library (exgen) and this library (WriteSpeed).
echo
echo "== writing the ${n}^3 HEX8 mesh with 5 steps of 3 nodal and 1 element variable, best of $reps"
cbest=
for r in $(seq "$reps"); do
  s=$(date +%s.%N); "$work/exgen" "$work/w-c.e" "$n" "$n" "$n" 5 3 cdf2 > /dev/null; e=$(date +%s.%N)
  t=$(echo "$e - $s" | bc); if [ -z "$cbest" ] || [ "$(echo "$t < $cbest" | bc)" = 1 ]; then cbest=$t; fi
done
jbest=$(java -Xmx"$heap" -cp "$jar" org.exodusj.bench.WriteSpeed "$work/w-j.e" "$n" 5 3 "$reps" | sed 's/.*best=\([0-9.]*\).*/\1/')
printf "%-12s %10.3f %10.3f %7.2fx\n" write "$cbest" "$jbest" "$(echo "$cbest / $jbest" | bc -l)"
# Same content: the C library's checksums of coordinates, connectivity and every nodal value.
if diff <("$work/exread" "$work/w-c.e" 1 | sums) <("$work/exread" "$work/w-j.e" 1 | sums) > /dev/null; then
  echo "the C library reads the same values from both files (exread checksums)"
else
  echo "CONTENT DIFFERS"; exit 1
fi
rm -f "$work/w-c.e" "$work/w-j.e"
