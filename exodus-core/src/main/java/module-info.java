/**
 * exodus-core: read and write Exodus II files in pure Java. Only {@code org.exodusj} is exported;
 * everything under {@code org.exodusj.internal} may change without notice.
 */
module org.exodusj {
  requires io.jhdf;
  requires org.lz4.java;
  requires com.ning.compress.lzf;
  requires org.apache.commons.compress;

  provides org.exodusj.internal.hdf5.filter.Filter with
      org.exodusj.internal.hdf5.filter.SzipFilter,
      org.exodusj.internal.hdf5.filter.Bzip2Filter,
      org.exodusj.internal.hdf5.filter.LzfFilter,
      org.exodusj.internal.hdf5.filter.BloscFilter,
      org.exodusj.internal.hdf5.filter.Lz4Filter,
      org.exodusj.internal.hdf5.filter.BitshuffleFilter;

  exports org.exodusj;

  uses org.exodusj.internal.hdf5.filter.Filter;
}
