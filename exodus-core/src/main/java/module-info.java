/**
 * exodus-core: read and write Exodus II files in pure Java. Only {@code org.exodusj} is exported;
 * everything under {@code org.exodusj.internal} may change without notice.
 */
module org.exodusj {
  requires io.jhdf;

  exports org.exodusj;

  uses org.exodusj.internal.hdf5.filter.Filter;
}
