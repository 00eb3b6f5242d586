"""Writes HDF5 datasets with one filter through h5py and the HDF5 filter plugins (HDF5_PLUGIN_PATH),
or takes a file netCDF-C wrote, and dumps every stored chunk as the C library stored it
(read_direct_chunk) with the values HDF5 decodes for it: the oracle for the Java filters.

usage: chunks.py write FILTER OUT.h5       (FILTER: bzip2, lz4, lzf, blosc, bitshuffle, szip)
       chunks.py dump FILE.h5 OUTDIR        (every chunked dataset with a filter, all chunks)
       chunks.py direct ID CD DTYPE ENCODED OUT.h5 DECODED
           stores ENCODED as the one chunk of a 1-D DTYPE dataset with filter ID and client data CD
           (comma separated) by write_direct_chunk, reads it back through HDF5 and the plugin and
           writes the values' bytes to DECODED (an independent check of an encoder)

OUTDIR/index.txt has one line per chunk:
  NAME raw-file expected-file filter-mask element-size filter-id cd_values(comma separated)
"""
import os
import sys

import h5py
import numpy as np

TYPES = ["<f8", "<f4", "<i4", "<i2", "|u1", "<i8", ">f8", ">i4"]


def values(dtype, shape, seed):
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    i = np.arange(n)
    dt = np.dtype(dtype)
    if dt.kind == "f":
        v = np.sin(i / 17.0) * 1000.0 + (i // 300)
        v[n // 3 : n // 3 + n // 6] = 0.0  # a run of zeros
        v[n - n // 8 :] = rng.standard_normal(n // 8) * 1e6  # noise (incompressible)
    else:
        info = np.iinfo(dt)
        v = (i * 7 + (i // 50)) % 200
        v[n // 3 : n // 3 + n // 6] = 0
        v[n - n // 8 :] = rng.integers(info.min, info.max, n // 8, endpoint=True, dtype=np.int64)
        v[0] = info.min
        v[1] = info.max
    return v.reshape(shape).astype(dt)


def noisy(dtype, shape, seed):
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    v = np.sin(np.arange(n) / 500.0) * 1000.0 + rng.standard_normal(n) * 1e-3
    return v.reshape(shape).astype(np.dtype(dtype))


def write(kind, out):
    cases = []  # (name, dtype, shape, chunks, kwargs)
    if kind == "bzip2":
        for t in TYPES[:5]:
            for lvl in (1, 9):
                cases.append((f"{t}_{lvl}", t, (24, 80), (8, 40), dict(compression=307, compression_opts=(lvl,))))
    elif kind == "lz4":
        for t in TYPES[:5]:
            for bs in (0, 100):
                cases.append((f"{t}_{bs}", t, (24, 80), (8, 40), dict(compression=32004, compression_opts=(bs,))))
    elif kind == "lzf":
        for t in TYPES[:5]:
            cases.append((t, t, (24, 80), (8, 40), dict(compression="lzf")))
    elif kind == "blosc":
        # cd_values: [revision, version, typesize, chunk bytes] (set by the filter), clevel, shuffle, codec
        for codec in (0, 1, 2, 4, 5):
            for shuffle in (0, 1, 2):
                for t in ("<f8", "<i4", "<i2", "|u1"):
                    cases.append((f"c{codec}_s{shuffle}_{t}", t, (32, 600), (16, 300), dict(compression=32001, compression_opts=(0, 0, 0, 0, 5, shuffle, codec))))
        # a chunk below blosc's minimum buffer (stored memcpyed), level 0, a big chunk with many blocks
        cases.append(("small", "<f8", (4, 4), (2, 4), dict(compression=32001, compression_opts=(0, 0, 0, 0, 5, 1, 0))))
        cases.append(("level0", "<f4", (8, 100), (4, 100), dict(compression=32001, compression_opts=(0, 0, 0, 0, 0, 1, 0))))
        cases.append(("big", "<f8", (4, 40000), (2, 20000), dict(compression=32001, compression_opts=(0, 0, 0, 0, 9, 1, 1))))
        cases.append(("big_bit", "<i2", (4, 40003), (2, 40003), dict(compression=32001, compression_opts=(0, 0, 0, 0, 9, 2, 0))))
        cases.append(("odd_type", "<i2", (2, 1003), (2, 1003), dict(compression=32001, compression_opts=(0, 0, 0, 0, 5, 1, 1))))
        # smooth values with noise in the low mantissa bytes (as solvers write them): blocks whose
        # low byte planes are stored as they are and high ones compressed
        for t in ("<f8", "<f4"):
            for codec in (0, 1):
                cases.append((f"noisy_c{codec}_{t}", t, (2, 20000), (1, 20000), dict(compression=32001, compression_opts=(0, 0, 0, 0, 5, 1, codec))))
    elif kind == "bitshuffle":
        for t in TYPES[:6]:
            for comp in (0, 2):
                for bs in (0, 16):
                    cases.append((f"{t}_c{comp}_b{bs}", t, (20, 101), (10, 101), dict(compression=32008, compression_opts=(0, 0, 0, bs, comp))))
    elif kind == "szip":
        for t in ("<f8", "<f4", "<i4", "<i2", "|u1", ">f8", ">i4", "<i8"):
            for mode, ppb in (("nn", 8), ("ec", 16), ("nn", 32), ("ec", 4)):
                for shape, chunks in (((16, 64), (8, 64)), ((12, 50), (4, 50))):
                    cases.append((f"{t}_{mode}{ppb}_{chunks[1]}", t, shape, chunks, dict(compression="szip", compression_opts=(mode, ppb))))
    else:
        raise SystemExit("unknown filter " + kind)
    with h5py.File(out, "w") as f:
        for k, (name, t, shape, chunks, kw) in enumerate(cases):
            data = noisy(t, shape, k) if name.startswith("noisy") else values(t, shape, k)
            f.create_dataset(name, data=data, chunks=chunks, **kw)


def dump(path, outdir):
    os.makedirs(outdir, exist_ok=True)
    lines = []
    with h5py.File(path, "r") as f:
        names = []
        f.visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) and o.chunks else None)
        for name in names:
            ds = f[name]
            dcpl = ds.id.get_create_plist()
            if dcpl.get_nfilters() == 0:
                continue
            fid, flags, cd, _ = dcpl.get_filter(0)
            safe = name.replace("/", "_")
            cshape = ds.chunks
            grid = [(s + c - 1) // c for s, c in zip(ds.shape, cshape)]
            for idx in np.ndindex(*grid):
                off = tuple(i * c for i, c in zip(idx, cshape))
                mask, raw = ds.id.read_direct_chunk(off)
                exp = np.zeros(cshape, dtype=ds.dtype)
                sl = tuple(slice(o, min(o + c, s)) for o, c, s in zip(off, cshape, ds.shape))
                part = ds[sl]
                exp[tuple(slice(0, p) for p in part.shape)] = part
                tag = safe + "-" + "_".join(map(str, idx))
                with open(os.path.join(outdir, tag + ".raw"), "wb") as o:
                    o.write(raw)
                with open(os.path.join(outdir, tag + ".exp"), "wb") as o:
                    o.write(exp.tobytes())
                lines.append(f"{safe} {tag}.raw {tag}.exp {mask} {ds.dtype.itemsize} {fid} {','.join(map(str, cd))}")
    with open(os.path.join(outdir, "index.txt"), "w") as o:
        o.write("\n".join(lines) + "\n")


def direct(fid, cd, dtype, encoded, out, decoded):
    enc = open(encoded, "rb").read()
    n = int(sys.argv[8]) if len(sys.argv) > 8 else None
    dt = np.dtype(dtype)
    with h5py.File(out, "w") as f:
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_chunk((n,))
        dcpl.set_filter(int(fid), h5py.h5z.FLAG_MANDATORY, tuple(int(c) for c in cd.split(",") if c))
        space = h5py.h5s.create_simple((n,))
        dsid = h5py.h5d.create(f.id, b"v", h5py.h5t.py_create(dt), space, dcpl=dcpl)
        dsid.write_direct_chunk((0,), enc, 0)
    with h5py.File(out, "r") as f:
        open(decoded, "wb").write(f["v"][:].tobytes())


if __name__ == "__main__":
    if sys.argv[1] == "direct":
        direct(*sys.argv[2:8])
    elif sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    else:
        dump(sys.argv[2], sys.argv[3])
