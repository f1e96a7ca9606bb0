package schema

// api_gen.cue is the structural part of the schema, generated from the
// SageMaker API model in apimodel/.
//go:generate go run ./gen
