// The consumer check (docs/release.md). The consumer project was built by Maven against
// exodus-core resolved by its coordinates from the throw-away repository. Here:
//  1. the class path Maven resolved equals the jars docs/dependencies.md lists (no more, no fewer);
//  2. the program runs on corpus files with Maven's class path, with a plain `java -cp` of
//     exactly the listed jars, and as a module (`requires org.exodusj;` only) on a module path of
//     exactly those jars, and all three outputs agree with the C library's reference dumps.
import java.util.zip.GZIPInputStream

def files = [
  'blackbear__test__tests__function_offset_bc__gold__circular_out.e',  // CDF-2, nodal results
  'derived/DERIVED-nc4-zlib4-shuffle__vtkdata__mug.e',                // NetCDF-4, deflate+shuffle
]
def corpus = new File(sharedDir, 'corpus')
def repo = localRepositoryPath as File
def classes = new File(basedir, 'target/classes')
def java = new File(System.getProperty('java.home'), 'bin/java').path

// 1. Maven's runtime class path against the documented list.
def mavenJars = new File(basedir, 'target/classpath.txt').text.trim().split(File.pathSeparator)
    .collect { new File(it) }
def docs = new File(rootDir, 'docs/dependencies.md').text
def begin = docs.indexOf('<!-- classpath:begin')
def end = docs.indexOf('<!-- classpath:end -->')
assert begin >= 0 && end > begin : 'docs/dependencies.md lost its classpath markers'
def listed = (docs.substring(begin, end) =~ /`([A-Za-z0-9_.\-]+)\.jar`/).collect {
  it[1].replace('exodus-core-VERSION', "exodus-core-${exodusVersion}") + '.jar'
}
def resolved = mavenJars.collect { it.name }
assert listed.toSet() == resolved.toSet() :
    "docs/dependencies.md lists ${listed.sort()} but Maven resolves ${resolved.sort()}"
assert listed.size() == listed.toSet().size() : "docs list a jar twice: ${listed}"
def coreJar = mavenJars.find { it.name == "exodus-core-${exodusVersion}.jar" }
assert coreJar.path.startsWith(repo.path) : "exodus-core came from ${coreJar}, not ${repo}"

// The listed jars, taken from the throw-away repository by file name.
def byName = [:]
repo.eachFileRecurse { if (it.name.endsWith('.jar')) byName[it.name] = it }
def plainJars = listed.collect { name ->
  assert byName[name] != null : "${name} is not in ${repo}"
  byName[name]
}

// On the class path (module descriptors ignored), or on the module path as the named module
// org.example.consumer, which says only `requires org.exodusj;` (src/main/java/module-info.java).
def run = { List<File> cp, File file, boolean modular = false ->
  def path = ([classes] + cp).collect { it.path }.join(File.pathSeparator)
  def cmd = modular
      ? [java, '-p', path, '-m', 'org.example.consumer/org.example.consumer.Main', file.path]
      : [java, '-cp', path, 'org.example.consumer.Main', file.path]
  def p = new ProcessBuilder(cmd).start()
  def err = new StringBuffer()
  def errReader = p.consumeProcessErrorStream(err)
  def out = p.inputStream.getText('UTF-8')
  int rc = p.waitFor()
  errReader.join()
  assert rc == 0 : "${cmd.join(' ')} failed (${rc}):\n${err}"
  // Without an SLF4J provider the only output on stderr is SLF4J's notice (docs/dependencies.md).
  err.toString().readLines().findAll { it.trim() }.each {
    assert it.startsWith('SLF4J') : "unexpected stderr line: ${it}"
  }
  println "stderr of ${file.name}: ${err.toString().trim() ?: '(empty)'}"
  return out
}

def numeric = { String s -> s ==~ /[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|Infinity|NaN)/ }
def sameField = { String a, String b ->
  if (a == b) return true
  if (numeric(a) && numeric(b)) return Double.parseDouble(a) == Double.parseDouble(b)
  return false
}
// The record key of a line: the fields that name it, not its values.
def keyOf = { List<String> f ->
  switch (f[0]) {
    case 'coord': return f.subList(0, 2)
    case 'nodal_var': return f.subList(0, 3)
    default: return f.subList(0, 1)
  }
}

files.each { name ->
  def file = new File(corpus, name)
  def refFile = new File(corpus, "reference/${file.name}.ref.gz")
  assert file.isFile() && refFile.isFile() : "corpus file or reference dump missing: ${file}"
  def reference = [:]
  new GZIPInputStream(new FileInputStream(refFile)).withReader('UTF-8') { r ->
    r.eachLine { line ->
      def f = line.split('\t', -1) as List
      reference.putIfAbsent(keyOf(f), f)
    }
  }
  def viaMaven = run(mavenJars, file)
  def viaPlain = run(plainJars, file)
  assert viaMaven == viaPlain : "${name}: the plain class path run differs from Maven's"
  def viaModules = run(plainJars, file, true)
  assert viaModules == viaMaven : "${name}: the module path run differs from the class path run"
  def lines = viaMaven.readLines()
  assert lines.size() >= 7 : "${name}: too little output:\n${viaMaven}"
  lines.each { line ->
    def f = line.split('\t', -1) as List
    def expected = reference[keyOf(f)]
    assert expected != null : "${name}: no reference record ${keyOf(f)}"
    assert expected.size() == f.size() :
        "${name}: ${keyOf(f)} has ${f.size()} fields, the C library ${expected.size()}"
    for (int i = 0; i < f.size(); i++) {
      assert sameField(f[i], expected[i]) :
          "${name}: ${keyOf(f)} field ${i}: ${f[i]}, the C library ${expected[i]}"
    }
  }
  println "consumer check: ${name}: ${lines.size()} records equal the C library's dump " +
      "(Maven class path, and plain class path and module path of ${listed.size()} jars)"
}
return true
