package dev.trellis.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.MethodModel;
import dev.trellis.processor.model.MethodModel.ParameterModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;

/**
 * Reads the public instance methods of a deployment: each becomes a handle method and a dispatcher
 * case, numbered in declaration order.
 */
final class MethodReader {

    private final Diagnostics diagnostics;

    MethodReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The public instance methods of {@code type}, the element beside each model. */
    List<ReadMethod> read(TypeElement type) {
        List<ReadMethod> methods = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (!isServed(method)) {
                continue;
            }
            String name = method.getSimpleName().toString();
            if (!names.add(name)) {
                diagnostics.error(ErrorMessages.overloaded(type.getSimpleName().toString(), name), method);
                continue;
            }
            if (!method.getTypeParameters().isEmpty()) {
                diagnostics.error(ErrorMessages.genericMethod(type.getSimpleName().toString(), name), method);
                continue;
            }
            methods.add(new ReadMethod(model(method, methods.size()), method));
        }
        return methods;
    }

    static boolean isServed(ExecutableElement method) {
        return method.getModifiers().contains(Modifier.PUBLIC)
                && !method.getModifiers().contains(Modifier.STATIC);
    }

    private static MethodModel model(ExecutableElement method, int index) {
        boolean returnsVoid = method.getReturnType().getKind() == TypeKind.VOID;
        TypeName result = returnsVoid ? ClassName.get(Void.class) : TypeName.get(method.getReturnType()).box();
        List<ParameterModel> parameters = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            parameters.add(new ParameterModel(parameter.getSimpleName().toString(),
                    TypeName.get(parameter.asType())));
        }
        return new MethodModel(method.getSimpleName().toString(), index, result, returnsVoid, parameters);
    }

    /**
     * A method's model with the element it was read from, which the ingress reader reports on.
     *
     * @param model the model
     * @param element the method
     */
    record ReadMethod(MethodModel model, ExecutableElement element) {}
}
