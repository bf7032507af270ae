export * from './unit.entity';
export * from './procedure-version.entity';
export * from './user.entity';
export * from './dossier-event.entity';
export * from './dossier.entity';
export * from './calendar-year-version.entity';
export * from './dossier-code-sequence.entity';
