#!/usr/bin/env bash
# Writing NetCDF-4 side by side with netCDF-C: the same CDF-2 mesh (exgen, N^3 HEX8, 5 steps of 3
# nodal variables) converted to NetCDF-4 with deflate LEVEL + shuffle by nccopy and by
# ExodusConverter (org.exodusj.bench.ConvertSpeed, in process, on 1 and THREADS threads), with the
# same chunk sizes (read from our output with ncdump -hs); best of REPS; sizes compared.
#
# usage: exodus-bench/nc4-write.sh [N] [REPS] [THREADS] [LEVEL]
# Needs: gcc, libexodusii-dev, netcdf-bin and the built benchmarks jar (mvn -B -q package
# -DskipTests). Files go to exodus-bench/target/nc4-write (or $WORK).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
n=${1:-200}
reps=${2:-3}
threads=${3:-2}
level=${4:-1}
work=${WORK:-$here/target/nc4-write}
jar=$root/exodus-bench/target/benchmarks.jar
heap=${JAVA_HEAP:-4g}
mkdir -p "$work"
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
gcc -O2 -o "$work/exgen" "$shared/tools/exgen.c" -lexoIIv2c -lnetcdf
cdf="$work/mesh-$n.e"
[ -f "$cdf" ] || "$work/exgen" "$cdf" "$n" "$n" "$n" 5 3 cdf2 > /dev/null
cat "$cdf" > /dev/null # page cache warm for both sides

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
j1=$(java -Xmx"$heap" -cp "$jar" org.exodusj.bench.ConvertSpeed "$cdf" "$work/j.nc4" "$level" 1 "$reps" | sed 's/.*best=\([0-9.]*\).*/\1/')
jt=$(java -Xmx"$heap" -cp "$jar" org.exodusj.bench.ConvertSpeed "$cdf" "$work/j.nc4" "$level" "$threads" "$reps" | sed 's/.*best=\([0-9.]*\).*/\1/')
h=$(ncdump -hs "$work/j.nc4")
nodes=$(echo "$h" | awk -F'= ' '/coordx:_ChunkSizes/ { sub(/ ;/, "", $2); print $2 }')
elems=$(echo "$h" | awk -F'= ' '/connect1:_ChunkSizes/ { split($2, a, ","); print a[1] }')
spec="num_nodes/$nodes,num_el_in_blk1/$elems,time_step/1"
cbest=
for r in $(seq "$reps"); do
  rm -f "$work/c.nc4"
  s=$(date +%s.%N); nccopy -k nc4 -d "$level" -s -c "$spec" "$cdf" "$work/c.nc4"; e=$(date +%s.%N)
  t=$(echo "$e - $s" | bc); if [ -z "$cbest" ] || [ "$(echo "$t < $cbest" | bc)" = 1 ]; then cbest=$t; fi
done
printf "%-28s %10s %10s %8s %12s %8s\n" "deflate $level + shuffle" "nccopy s" "Java s" "ratio" "Java ${threads}T s" "ratio"
printf "%-28s %10.3f %10.3f %7.2fx %12.3f %7.2fx\n" "convert (chunks $spec)" "$cbest" "$j1" "$(echo "$cbest / $j1" | bc -l)" "$jt" "$(echo "$cbest / $jt" | bc -l)"
cs=$(stat -c %s "$work/c.nc4"); js=$(stat -c %s "$work/j.nc4")
printf "size: netCDF-C %d bytes, Java %d bytes (%+.2f %%)\n" "$cs" "$js" "$(echo "($js - $cs) * 100 / $cs" | bc -l)"
