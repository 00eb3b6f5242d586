#!/usr/bin/env bash
# Side by side with the HDF5 filter plugins: the same stored chunks decoded by the plugins
# netCDF-C and h5dump use (c/filterdecode.c calls each plugin's filter function as HDF5 does) and
# by exodus-core's filters (org.exodusj.bench.FilterDecodeSpeed), in one run.
#
# usage: exodus-bench/filters-side-by-side.sh [N] [REPS] [FILTER...]
#   N     mesh of N^3 HEX8 (shared/tools/exgen, default 40: 68,921 nodes, 5 steps of 3 nodal
#         variables), copied by nccopy into NetCDF-4 with one step of one variable per chunk and
#         each filter below
#   REPS  passes over all chunks, best kept (default 20)
#   ROUNDS=K (environment, default 1) runs the plugin and Java alternately K times each (A B A B
#         ...) and prints the best and the median of their best passes
#   CP=PATH (environment) the class path of FilterDecodeSpeed instead of the benchmarks jar (for
#         example exodus-core/target/classes:exodus-bench/target/classes after mvn compile)
#   NOISY=1 (environment) replaces exgen's nodal values by smooth values with noise in the low
#         mantissa bits (as solvers write them) before the copies; files go to WORK/noisy
#   FLOAT=1 (environment) stores the nodal variables as 4-byte floats (after NOISY's noise, if
#         set) before the copies; files go to WORK[/noisy]/float
#   READ=1 (environment) also reads each file's nodal variables whole (every step, every node)
#         with the chunk caches off, so that every pass decodes every chunk: netCDF-C with the
#         plugin (c/varread.c, nc_get_var_double) against exodus-core (FilterReadSpeed,
#         readNodalVariableSteps) on the reading thread alone and with 2 decode threads, ROUNDS
#         times alternately; prints the best and median wall time of a pass and the best CPU time
#         (all threads) beside it
#   FILTER the rows to run (default all): bzip2 lz4 blosc-lz4 blosc-blosclz blosc-zlib
#         blosc-zstd bitshuffle-lz4
# Needs: gcc, libexodusii-dev, netcdf-bin, libhdf5-dev, python3-h5py, hdf5-filter-plugin,
#   hdf5-filter-plugin-blosc-serial, bitshuffle, and the built benchmarks jar
#   (mvn -B -q package -DskipTests). Files go to exodus-bench/target/filters (or $WORK); the same
#   dumps feed FilterDecodeBenchmark (JMH, -jvmArgs -Dexodusj.filterdumps=DIR).
# Prints each filter's best pass for the plugin and for Java and the ratio (plugin time / Java
# time: above 1 means Java is faster). Both check every chunk against HDF5's decoded bytes first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
n=${1:-40}
reps=${2:-20}
work=${WORK:-$here/target/filters}
jar=$root/exodus-bench/target/benchmarks.jar
cp=${CP:-$jar}
rounds=${ROUNDS:-1}
plugins=${HDF5_PLUGIN_PATH:-/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins}
export HDF5_PLUGIN_PATH=$plugins
chunks=$root/exodus-core/src/test/resources/org/exodusj/internal/hdf5/filter/chunks.py
mkdir -p "$work"
[ -n "${CP:-}" ] || [ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
gcc -O2 -o "$work/exgen" "$shared/tools/exgen.c" -lexoIIv2c -lnetcdf
gcc -O2 -I/usr/include/hdf5/serial -o "$work/filterdecode" "$here/c/filterdecode.c" \
  -L/usr/lib/x86_64-linux-gnu/hdf5/serial -lhdf5 -ldl
[ -z "${READ:-}" ] || gcc -O2 -o "$work/varread" "$here/c/varread.c" -lnetcdf
bin=$work
src="$work/mesh-$n.e"
[ -f "$src" ] || "$work/exgen" "$src" "$n" "$n" "$n" 5 3 cdf2 > /dev/null
if [ -n "${NOISY:-}" ]; then
  # The same variables with values as a solver writes them: smooth, with noise in the low bits
  # of the mantissa (the chunks compress about 1.2:1 instead of exgen's 100:1).
  work="$work/noisy"
  mkdir -p "$work"
  noisy="$work/mesh-$n.e"
  [ -f "$noisy" ] || /usr/bin/python3 - "$src" "$noisy" <<'PY'
import shutil, sys
import netCDF4, numpy as np
shutil.copy(sys.argv[1], sys.argv[2])
with netCDF4.Dataset(sys.argv[2], "a") as d:
    rng = np.random.default_rng(1)
    for k in (1, 2, 3):
        v = d["vals_nod_var%d" % k]
        x = np.arange(v.shape[1])
        for s in range(v.shape[0]):
            v[s, :] = np.sin(x / 500.0 + s + k) * 1000.0 + rng.standard_normal(v.shape[1]) * 1e-3
PY
  src="$noisy"
fi
if [ -n "${FLOAT:-}" ]; then
  # The same file with the nodal variables stored as 4-byte floats (the shuffle's 4-byte path).
  work="$work/float"
  mkdir -p "$work"
  f4="$work/mesh-$n.e"
  [ -f "$f4" ] || /usr/bin/python3 - "$src" "$f4" <<'PY'
import sys
import netCDF4
with netCDF4.Dataset(sys.argv[1]) as s, netCDF4.Dataset(sys.argv[2], "w", format="NETCDF3_64BIT_OFFSET") as d:
    d.setncatts({a: s.getncattr(a) for a in s.ncattrs()})
    for name, dim in s.dimensions.items():
        d.createDimension(name, None if dim.isunlimited() else len(dim))
    for name, v in s.variables.items():
        t = "f4" if name.startswith("vals_nod_var") else v.dtype
        w = d.createVariable(name, t, v.dimensions)
        w.setncatts({a: v.getncattr(a) for a in v.ncattrs()})
        v.set_auto_maskandscale(False)
        w.set_auto_maskandscale(False)
        w[...] = v[...]
PY
  src="$f4"
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
if [ "$rounds" -gt 1 ]; then
  printf "%-16s %8s %8s %11s %11s %11s %11s %8s %8s\n" filter chunks MB "plugin best" "Java best" \
    "plugin med" "Java med" "ratio b" "ratio m"
else
  printf "%-16s %8s %10s %10s %10s %8s\n" filter chunks MB "plugin s" "Java s" ratio
fi
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
# The nodal variables only (nccopy -F "*,32001,..." fails on the file's small text variables).
rows=" ${*:3} "
row() { # name plugin.so filter-id-and-parameters
  [ "$rows" = "  " ] || [[ "$rows" == *" $1 "* ]] || return 0
  local nc="$work/$1.nc4" dump="$work/dump-$1"
  if [ ! -f "$dump/index.txt" ]; then
    rm -f "$nc"
    nccopy -k nc4 -c time_step/1 -F "vals_nod_var1,$3" -F "vals_nod_var2,$3" -F "vals_nod_var3,$3" \
      "$src" "$nc"
    rm -rf "$dump"
    /usr/bin/python3 "$chunks" dump "$nc" "$dump"
  fi
  local cts="" jts=""
  for ((k = 0; k < rounds; k++)); do
    c=$("$bin/filterdecode" "$plugins/$2" "$dump" "$reps")
    j=$(java -Xmx1g -cp "$cp" org.exodusj.bench.FilterDecodeSpeed "$dump" "$reps")
    cb=$(echo "$c" | sed 's/.*bytes=\([0-9]*\).*/\1/'); jb=$(echo "$j" | sed 's/.*bytes=\([0-9]*\).*/\1/')
    [ "$cb" = "$jb" ] || { echo "DECODED SIZES DIFFER: $c / $j"; exit 1; }
    cts="$cts $(echo "$c" | sed 's/.*best=\([0-9.]*\).*/\1/')"
    jts="$jts $(echo "$j" | sed 's/.*best=\([0-9.]*\).*/\1/')"
  done
  nch=$(echo "$j" | sed 's/.*chunks=\([0-9]*\).*/\1/')
  if [ "$rounds" -gt 1 ]; then
    local cbst jbst cmed jmed
    cbst=$(echo $cts | tr ' ' '\n' | sort -g | head -1); jbst=$(echo $jts | tr ' ' '\n' | sort -g | head -1)
    cmed=$(echo $cts | tr ' ' '\n' | median); jmed=$(echo $jts | tr ' ' '\n' | median)
    printf "%-16s %8s %8.1f %11.6f %11.6f %11.6f %11.6f %7.2fx %7.2fx\n" "$1" "$nch" \
      "$(echo "$jb / 1000000" | bc -l)" "$cbst" "$jbst" "$cmed" "$jmed" \
      "$(echo "$cbst / $jbst" | bc -l)" "$(echo "$cmed / $jmed" | bc -l)"
    [ -z "${READ:-}" ] || reads "$1" "$nc"
    return 0
  fi
  ct=$(echo $cts); jt=$(echo $jts)
  printf "%-16s %8s %10.1f %10.6f %10.6f %7.2fx\n" "$1" "$nch" "$(echo "$jb / 1000000" | bc -l)" "$ct" "$jt" \
    "$(echo "$ct / $jt" | bc -l)"
  [ -z "${READ:-}" ] || reads "$1" "$nc"
}
field() { echo " $1" | sed "s/.* $2=\([0-9a-f.]*\).*/\1/"; }
reads() { # name file: whole-variable reads, netCDF-C against Java on 1 and 2 threads
  local c j1 j2 cw="" cc="" aw="" ac="" bw="" bc="" k
  for ((k = 0; k < rounds; k++)); do
    c=$("$bin/varread" "$2" "$reps" vals_nod_var1 vals_nod_var2 vals_nod_var3)
    j1=$(java -Xmx1g -cp "$cp" org.exodusj.bench.FilterReadSpeed "$2" "$reps" 1)
    j2=$(java -Xmx1g -cp "$cp" org.exodusj.bench.FilterReadSpeed "$2" "$reps" 2)
    for x in "$j1" "$j2"; do
      [ "$(field "$c" sum)" = "$(field "$x" sum)" ] || { echo "READ VALUES DIFFER: $c / $x"; exit 1; }
    done
    cw="$cw $(field "$c" median)"; cc="$cc $(field "$c" cpubest)"
    aw="$aw $(field "$j1" median)"; ac="$ac $(field "$j1" cpubest)"
    bw="$bw $(field "$j2" median)"; bc="$bc $(field "$j2" cpubest)"
    cb="${cb:-9} $(field "$c" best)"; ab="${ab:-9} $(field "$j1" best)"; bb="${bb:-9} $(field "$j2" best)"
  done
  lo() { echo $* | tr ' ' '\n' | sort -g | head -1; }
  md() { echo $* | tr ' ' '\n' | median; }
  printf "  read, s: C wall %.6f (med %.6f) cpu %.6f | Java 1 thread wall %.6f (med %.6f) cpu %.6f | 2 threads wall %.6f (med %.6f) cpu %.6f\n" \
    "$(lo $cb)" "$(md $cw)" "$(lo $cc)" "$(lo $ab)" "$(md $aw)" "$(lo $ac)" "$(lo $bb)" "$(md $bw)" "$(lo $bc)"
  printf "  read ratios (C / Java): 1 thread wall %.2fx cpu %.2fx | 2 threads wall %.2fx cpu %.2fx\n" \
    "$(echo "$(lo $cb) / $(lo $ab)" | bc -l)" "$(echo "$(lo $cc) / $(lo $ac)" | bc -l)" \
    "$(echo "$(lo $cb) / $(lo $bb)" | bc -l)" "$(echo "$(lo $cc) / $(lo $bc)" | bc -l)"
  unset cb ab bb
}
row bzip2 libh5bz2.so "307,9"
row lz4 libh5lz4.so "32004,0"
row blosc-lz4 libH5Zblosc.so "32001,2,2,8,0,5,1,1"
row blosc-blosclz libH5Zblosc.so "32001,2,2,8,0,5,1,0"
row blosc-zlib libH5Zblosc.so "32001,2,2,8,0,5,1,4"
row blosc-zstd libH5Zblosc.so "32001,2,2,8,0,5,1,5"
row bitshuffle-lz4 libh5bshuf.so "32008,0,2"
echo "every chunk decoded by both equals HDF5's own decoding of it (checked before timing)"
