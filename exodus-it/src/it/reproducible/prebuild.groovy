// A second checkout: the parent POM and exodus-core's POM and main sources, copied.
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def root = (rootDir as File).toPath()
def work = new File(basedir, 'work').toPath()
def copy = { java.nio.file.Path from, java.nio.file.Path to ->
  Files.createDirectories(to.parent)
  Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING)
}
copy(root.resolve('pom.xml'), work.resolve('pom.xml'))
copy(root.resolve('exodus-core/pom.xml'), work.resolve('exodus-core/pom.xml'))
def main = root.resolve('exodus-core/src/main')
Files.walk(main).withCloseable { paths ->
  paths.filter { Files.isRegularFile(it) }.forEach {
    copy(it, work.resolve('exodus-core/src/main').resolve(main.relativize(it)))
  }
}
return true
