// The first build wrote the application's deployment YAML, every default explicit and commented, and the
// schema; the broken YAML failed trellis:build and trellis:deploy with every problem at its line and column.
File yaml = new File(basedir, "target/trellis/tiny.deployment.yaml")
assert yaml.isFile() : "no " + yaml
String text = yaml.text
assert text.startsWith("# yaml-language-server: \$schema=deployment-yaml.schema.json\n")
assert text.contains("  - name: \"tiny\"\n")
assert text.contains("    requestTimeoutMillis: 60000\n")
assert text.contains("      - name: \"Shouter\"\n")
assert text.contains("        # A fixed number of replicas; exclusive with autoscaling.\n        numReplicas: 3\n")
assert text.contains("        maxOngoingRequests: 7\n")
assert text.contains("          cpus: 0.5\n")
assert text.contains("          memoryMb: 128\n")
assert text.contains("      - name: \"Front\"\n")
File schema = new File(basedir, "target/trellis/deployment-yaml.schema.json")
assert schema.isFile() && schema.text.contains("\"gracefulShutdownTimeoutMillis\"")

String log = new File(basedir, "build.log").text
assert log.contains("Wrote " + yaml.path + " (2 deployments)")
for (String goal : [":build (default-cli) on project tiny-app: The deployment YAML", ":deploy (default-cli) on project tiny-app: The deployment YAML"]) {
    assert log.contains(goal) : goal
}
assert log.count("has 3 problems:") == 2
assert log.contains("broken.yaml:5:22 sets deployment 'Shouter' numReplicas to the string \"none\", which is not a whole number of at least 1")
assert log.contains("broken.yaml:6:9 sets 'replicas' of deployment 'Shouter', which has no such field; it has [name, numReplicas,")
assert log.contains("broken.yaml:7:9 names deployment 'Shoutr', which application 'tiny' does not have; it has [Shouter, Front]")
assert !log.contains("Cannot reach the admin API") : "deploy checked the file before calling the application"
// The first build locked the wire contract; the old lock failed the build with each breaking change, and
// was rewritten when the change was accepted on purpose.
File lock = new File(basedir, "src/main/trellis/tiny.proto.lock")
assert lock.isFile() && lock.text.contains("service Shouter")
assert log.contains("Locked the wire contract of 'tiny' in " + lock.path + ": check it in")
assert log.contains("The wire contract of application 'tiny' changed in ways that break callers and replicas built against its lock")
assert log.contains("rpc Shouter.Whisper: removed: callers built against the lock still call it")
assert log.contains("message Shouter_ShoutRequest field 1 (text): sint32 became string: the same number on the wire would be read as another type")
assert log.contains("Accepted 2 incompatible change(s) of the wire contract of 'tiny' on purpose (-Dtrellis.updateLock)")
assert new File(basedir, "old-lock/tiny.proto.lock").text == lock.text
return true
