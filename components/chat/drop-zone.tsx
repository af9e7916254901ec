'use client';

import { useTranslations } from 'next-intl';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

type AddFiles = (files: File[]) => void;
interface DropZoneApi {
  /** A composer offers to take dropped or pasted files; returns its withdrawal. The latest offer wins. */
  register: (add: AddFiles) => () => void;
}
const DropZoneContext = createContext<DropZoneApi | null>(null);

/** Whether a composer sits inside a drop zone (then the zone, not the composer's form, takes drops and pastes). */
export function useDropZone(add: AddFiles | null): boolean {
  const zone = useContext(DropZoneContext);
  useEffect(() => (zone && add ? zone.register(add) : undefined), [zone, add]);
  return zone !== null;
}

const hasFiles = (types: readonly string[] | DOMStringList) => Array.from(types as ArrayLike<string>).includes('Files');

/**
 * The transcript and its composer as one place to drop files on or paste an image into: what is
 * dropped or pasted goes to the composer inside that offers attachments (the same as picking with
 * its "Attach file" control, which keyboard users keep). While files are dragged over it, a hint
 * says so in words (not only a colour).
 */
export function FileDropZone({ children, className }: { children: ReactNode; className?: string }) {
  const t = useTranslations('attachments');
  const targets = useRef<AddFiles[]>([]);
  const [active, setActive] = useState(false);
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const register = useCallback((add: AddFiles) => {
    targets.current = [...targets.current, add];
    setActive(true);
    return () => {
      targets.current = targets.current.filter((a) => a !== add);
      setActive(targets.current.length > 0);
    };
  }, []);
  const api = useMemo(() => ({ register }), [register]);
  const take = (files: FileList | null | undefined) => {
    const add = targets.current.at(-1);
    if (!add || !files || files.length === 0) return false;
    add(Array.from(files));
    return true;
  };
  return (
    <DropZoneContext.Provider value={api}>
      <div
        data-drop-zone=""
        className={`relative flex min-h-0 flex-1 flex-col ${className ?? ''}`}
        onDragEnter={(e) => {
          if (!active || !hasFiles(e.dataTransfer.types)) return;
          e.preventDefault();
          depth.current++;
          setOver(true);
        }}
        onDragOver={(e) => {
          if (!active || !hasFiles(e.dataTransfer.types)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => {
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setOver(false);
        }}
        onDrop={(e) => {
          depth.current = 0;
          setOver(false);
          if (!active) return;
          e.preventDefault();
          take(e.dataTransfer.files);
        }}
        onPaste={(e) => {
          // Only files (a pasted screenshot): pasted text goes where it was pasted, as always.
          if (active && e.clipboardData.files.length > 0 && take(e.clipboardData.files)) e.preventDefault();
        }}
      >
        {children}
        {over && (
          <div role="status" className="pointer-events-none absolute inset-1 z-10 flex items-center justify-center rounded-lg border-2 border-dashed border-blue-700 bg-blue-50/90 text-base font-semibold text-blue-900">
            {t('dropHint')}
          </div>
        )}
      </div>
    </DropZoneContext.Provider>
  );
}
