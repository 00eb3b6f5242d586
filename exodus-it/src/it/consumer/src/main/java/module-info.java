/**
 * The consumer as a module: {@code requires org.exodusj;} alone, as the README says. verify.groovy
 * runs it on the module path as well as on the class path (where this descriptor is ignored).
 */
module org.example.consumer {
  requires org.exodusj;
}
