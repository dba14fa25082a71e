package dev.trellis.processor;

import com.google.auto.service.AutoService;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Trellis's annotation processor: a thin driver over its steps, in order. Deployments come first, so
 * that their handles exist before applications are checked; each step gates its own output on having
 * reported no error. The reachability step only looks back, once processing is over. The {@code -A}
 * options are in {@link ProcessorOptions}.
 */
@AutoService(Processor.class)
public final class TrellisProcessor extends AbstractProcessor {

    private static final String GENERATED = "javax.annotation.processing.Generated";

    private List<Step> steps = List.of();

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        Diagnostics diagnostics = new Diagnostics(environment.getMessager());
        ProcessorOptions options = ProcessorOptions.parse(environment.getOptions(), diagnostics);
        DeploymentStep deployments = new DeploymentStep(environment.getFiler(),
                environment.getElementUtils(), environment.getTypeUtils(), diagnostics, options);
        ApplicationStep applications = new ApplicationStep(
                environment.getFiler(), environment.getElementUtils(), diagnostics, deployments, options);
        steps = List.of(deployments, applications, new ReachabilityStep(
                environment.getElementUtils(), diagnostics, applications::reachedDeployments));
    }

    @Override
    public Set<String> getSupportedOptions() {
        return ProcessorOptions.NAMES;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> annotations = new TreeSet<>();
        steps.forEach(step -> annotations.addAll(step.annotations()));
        // Claimed so that -Xlint:processing stays quiet about the marker on the files written here.
        annotations.add(GENERATED);
        return annotations;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Step step : steps) {
            step.process(round);
        }
        if (round.processingOver()) {
            steps.forEach(Step::finish);
        }
        return true;
    }
}
