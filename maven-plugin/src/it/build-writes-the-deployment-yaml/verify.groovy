// trellis:build wrote the application's deployment YAML, every default explicit and commented, and the schema.
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
assert new File(basedir, "build.log").text.contains("Wrote " + yaml.path + " (2 deployments)")
return true
