package dev.trellis.processor.read;

import com.palantir.javapoet.ClassName;
import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.RuntimeNames;
import dev.trellis.processor.model.HandleParameter;
import java.util.Optional;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Turns a constructor parameter into an edge of the graph. A handle parameter's type may not exist
 * yet: handles are generated in the same round as the deployments that use them, so an unresolved
 * {@code GreeterHandle} is matched by name to the {@code Greeter} deployment it will be generated for.
 */
final class HandleParameterReader {

    private static final String HANDLE_SUFFIX = "Handle";

    private final Elements elements;
    private final Diagnostics diagnostics;
    private final Deferrals deferrals;

    HandleParameterReader(Elements elements, Diagnostics diagnostics, Deferrals deferrals) {
        this.elements = elements;
        this.diagnostics = diagnostics;
        this.deferrals = deferrals;
    }

    /** Whether {@code parameter} is declared with a handle type, generated already or not. */
    boolean isHandle(VariableElement parameter, TypeElement owner) {
        return handleTargetName(parameter.asType(), owner).isPresent();
    }

    /**
     * The edge for a parameter that {@link #isHandle is a handle}, or empty after reporting why it is
     * not one. A deployment class that does not exist yet defers {@code owner} to the next round.
     */
    Optional<HandleParameter> read(VariableElement parameter, TypeElement owner) {
        TypeMirror type = parameter.asType();
        String written = type.toString();
        String targetName = handleTargetName(type, owner).orElseThrow();
        TypeElement target = elements.getTypeElement(targetName);
        if (target == null && !deferrals.isLastRound()) {
            deferrals.defer(owner.getQualifiedName().toString());
            return Optional.empty();
        }
        if (target == null || !AnnotationReader.isPresent(target, AnnotationNames.DEPLOYMENT)) {
            diagnostics.error(ErrorMessages.unknownDeployment(parameter.getSimpleName().toString(),
                    owner.getSimpleName().toString(), simpleName(written), simpleName(targetName)),
                    parameter);
            return Optional.empty();
        }
        return Optional.of(new HandleParameter(
                parameter.getSimpleName().toString(), ClassName.get(target), parameter));
    }

    /**
     * The qualified name of the deployment a handle type stands for, or empty if the type is not a
     * handle: a generated handle extends the runtime's {@code DeploymentHandle}; one not generated yet
     * is an unresolved type named {@code <Deployment>Handle}.
     */
    private Optional<String> handleTargetName(TypeMirror type, TypeElement owner) {
        if (type.getKind() == TypeKind.DECLARED) {
            TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
            if (!extendsDeploymentHandle(element)) {
                return Optional.empty();
            }
            return Optional.of(stripSuffix(element.getQualifiedName().toString()));
        }
        if (type.getKind() == TypeKind.ERROR) {
            String written = type.toString();
            if (!written.endsWith(HANDLE_SUFFIX) || written.length() == HANDLE_SUFFIX.length()) {
                return Optional.empty();
            }
            String target = stripSuffix(written);
            if (target.contains(".")) {
                return Optional.of(target);
            }
            return Optional.of(qualifiedInPackageOf(owner, target));
        }
        return Optional.empty();
    }

    private static boolean extendsDeploymentHandle(TypeElement element) {
        TypeMirror superclass = element.getSuperclass();
        if (superclass.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeElement parent = (TypeElement) ((DeclaredType) superclass).asElement();
        return parent.getQualifiedName().contentEquals(RuntimeNames.DEPLOYMENT_HANDLE.canonicalName());
    }

    private String qualifiedInPackageOf(TypeElement owner, String simpleName) {
        PackageElement pkg = elements.getPackageOf(owner);
        return pkg.isUnnamed() ? simpleName : pkg.getQualifiedName() + "." + simpleName;
    }

    private static String stripSuffix(String name) {
        return name.substring(0, name.length() - HANDLE_SUFFIX.length());
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

}
