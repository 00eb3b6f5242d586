// Two builds of one commit give byte-identical jars (project.build.outputTimestamp): the jar the
// reactor built and installed into the throw-away repository, and the jar of the second build.
def name = "exodus-core-${exodusVersion}.jar"
def first = new File(localRepositoryPath as File, "org/exodusj/exodus-core/${exodusVersion}/${name}")
def second = new File(basedir, "work/exodus-core/target/${name}")
assert first.isFile() : "missing ${first}"
assert second.isFile() : "missing ${second}"
def a = first.bytes
def b = second.bytes
if (!Arrays.equals(a, b)) {
  def entries = { File f ->
    def z = new java.util.zip.ZipFile(f)
    try {
      z.entries().toList().collectEntries { [(it.name): [it.time, it.crc, it.size]] }
    } finally {
      z.close()
    }
  }
  def ea = entries(first)
  def eb = entries(second)
  def diff = (ea.keySet() + eb.keySet()).findAll { ea[it] != eb[it] }.collect {
    "${it}: ${ea[it]} vs ${eb[it]}"
  }
  assert false : "${name} differs between two builds (${a.length} vs ${b.length} bytes): " +
      (diff ?: ["entries equal; archive metadata differs"]).take(20).join("; ") +
      " (after an incremental build, try mvn clean verify: a stale class file differs)"
}
println "reproducible: ${name} (${a.length} bytes) is byte-identical in two builds"
return true
