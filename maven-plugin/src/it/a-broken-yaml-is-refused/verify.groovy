// A broken deployment YAML fails trellis:build and trellis:deploy (before it calls the application) with
// every problem at its line and column, and writes nothing.
String log = new File(basedir, "build.log").text
assert log.contains("has 3 problems:")
assert log.contains("broken.yaml:5:22 sets deployment 'Shouter' numReplicas to the string \"none\", which is not a whole number of at least 1")
assert log.contains("broken.yaml:6:9 sets 'replicas' of deployment 'Shouter', which has no such field; it has [name, numReplicas,")
assert log.contains("broken.yaml:7:9 names deployment 'Shoutr', which application 'tiny' does not have; it has [Shouter, Front]")
assert log.contains(":deploy (default-cli) on project tiny-app: The deployment YAML")
assert !log.contains("Cannot reach the admin API") : "deploy checked the file before calling the application"
assert !new File(basedir, "target/trellis/tiny.deployment.yaml").exists()
return true
